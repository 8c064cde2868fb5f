namespace MatrixFactorization.Tests.Architecture.Fixture.ViaAttributeArgument;

[About(typeof(Target.Item))]
public sealed class Described;
