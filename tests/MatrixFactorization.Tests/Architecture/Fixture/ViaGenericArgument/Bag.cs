namespace MatrixFactorization.Tests.Architecture.Fixture.ViaGenericArgument;

public static class Bag
{
    public static IReadOnlyList<Target.IShape>? Shapes() => null;
}
