namespace MatrixFactorization.Tests.Architecture.Fixture.ViaMethodBody;

public static class Caller
{
    public static void Run() => Target.Thing.Touch();
}
