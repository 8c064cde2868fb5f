namespace MatrixFactorization.Tests.Architecture.Fixture.CycleA;

/// <summary>One half of a deliberate namespace cycle, for the cycle finder.</summary>
public static class Ping
{
    public static int Hit(int bounces) => bounces <= 0 ? 0 : CycleB.Pong.Hit(bounces - 1) + 1;
}
