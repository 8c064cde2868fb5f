namespace MatrixFactorization.Tests.Architecture.Fixture.ViaBaseType;

public class Derived : Target.Thing;
