namespace MatrixFactorization.Tests.Architecture.Fixture.ViaCatch;

public static class Guarded
{
    public static bool Run(Action action)
    {
        try
        {
            action();
            return true;
        }
        catch (Target.FixtureException)
        {
            return false;
        }
    }
}
