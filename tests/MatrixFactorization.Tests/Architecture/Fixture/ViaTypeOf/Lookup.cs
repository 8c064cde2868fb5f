namespace MatrixFactorization.Tests.Architecture.Fixture.ViaTypeOf;

public static class Lookup
{
    public static Type Of() => typeof(Target.IShape);
}
