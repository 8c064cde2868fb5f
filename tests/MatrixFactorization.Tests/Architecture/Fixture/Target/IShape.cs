namespace MatrixFactorization.Tests.Architecture.Fixture.Target;

public interface IShape;
