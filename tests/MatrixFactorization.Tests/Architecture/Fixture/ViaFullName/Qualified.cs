namespace MatrixFactorization.Tests.Architecture.Fixture.ViaFullName;

public static class Qualified
{
    public static void Run() => global::MatrixFactorization.Tests.Architecture.Fixture.Target.Thing.Touch();
}
