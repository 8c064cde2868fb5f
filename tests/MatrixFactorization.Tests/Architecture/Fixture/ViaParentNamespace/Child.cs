namespace MatrixFactorization.Tests.Architecture.Fixture.ViaParentNamespace;

public static class Child
{
    public static void Run() => Anchor.Touch();
}
