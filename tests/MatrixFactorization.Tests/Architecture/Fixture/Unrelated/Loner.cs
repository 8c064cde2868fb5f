namespace MatrixFactorization.Tests.Architecture.Fixture.Unrelated;

/// <summary>The control: a type that uses nothing of the fixture.</summary>
public static class Loner
{
    public static string Greet(string name) => "Hello, " + name;
}
