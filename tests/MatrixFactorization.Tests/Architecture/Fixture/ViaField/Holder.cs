namespace MatrixFactorization.Tests.Architecture.Fixture.ViaField;

public sealed class Holder
{
#pragma warning disable CS0649 // Never assigned: only its declared type matters here.
    internal Target.Item Held;
#pragma warning restore CS0649
}
