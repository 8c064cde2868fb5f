namespace MatrixFactorization.Tests.Architecture.Fixture.CycleB;

/// <summary>The other half of the cycle.</summary>
public static class Pong
{
    public static int Hit(int bounces) => bounces <= 0 ? 0 : CycleA.Ping.Hit(bounces - 1) + 1;
}
