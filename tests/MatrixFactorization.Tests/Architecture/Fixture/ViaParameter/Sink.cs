namespace MatrixFactorization.Tests.Architecture.Fixture.ViaParameter;

public static class Sink
{
    public static void Accept(Target.Item item)
    {
        _ = item;
    }
}
