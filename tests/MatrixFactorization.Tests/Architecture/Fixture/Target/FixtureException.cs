namespace MatrixFactorization.Tests.Architecture.Fixture.Target;

public sealed class FixtureException : Exception
{
    public FixtureException()
    {
    }

    public FixtureException(string message)
        : base(message)
    {
    }

    public FixtureException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
