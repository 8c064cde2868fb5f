namespace MatrixFactorization.Tests.Architecture.Fixture.Target;

[AttributeUsage(AttributeTargets.Class)]
public sealed class MarkerAttribute : Attribute;
