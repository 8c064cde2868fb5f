namespace MatrixFactorization.Tests.Architecture.Fixture.ViaInterface;

public sealed class Square : Target.IShape;
