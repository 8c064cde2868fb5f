namespace MatrixFactorization.Tests.Architecture.Fixture.Target;

public readonly record struct Item(int Value);
