namespace MatrixFactorization.Tests.Architecture.Fixture.ViaLambda;

public static class Deferred
{
    // The call lives in a class the compiler nests inside Deferred, and counts for Deferred.
    public static Action Later() => () => Target.Thing.Touch();
}
