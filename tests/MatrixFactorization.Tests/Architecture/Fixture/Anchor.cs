namespace MatrixFactorization.Tests.Architecture.Fixture;

/// <summary>A type of the fixture's parent namespace, which its child namespaces see without a <c>using</c>.</summary>
public static class Anchor
{
    public static void Touch()
    {
    }
}
