namespace MatrixFactorization.Tests.Architecture.Fixture.ViaReturnType;

public static class Source
{
    public static Target.Thing? Make() => null;
}
