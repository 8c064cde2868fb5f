namespace MatrixFactorization.Tests.Architecture.Fixture.Target;

/// <summary>The type the other fixture namespaces use, each in one way only.</summary>
public class Thing
{
    public static void Touch()
    {
    }
}
