namespace MatrixFactorization.Tests.Architecture.Fixture.ViaAttribute;

[Target.Marker]
public sealed class Tagged;
