namespace MatrixFactorization.Tests.Architecture.Fixture.ViaConstraint;

public static class Constrained
{
    public static bool IsNull<T>(T? value)
        where T : class, Target.IShape => value is null;
}
