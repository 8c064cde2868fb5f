namespace MatrixFactorization.Data;

/// <summary>A line of a rating file that cannot be parsed: a malformed number, a wrong field
/// count, a non-finite or out-of-scale rating, or a file that is not rating data at all.</summary>
public sealed class RatingFormatException : RatingDataException
{
    /// <inheritdoc cref="RatingDataException(string, string?, long, int, string?, string?, Exception?)"/>
    public RatingFormatException(
        string problem,
        string? source = null,
        long line = 0,
        int column = 0,
        string? value = null,
        string? hint = null,
        Exception? innerException = null)
        : base(problem, source, line, column, value, hint, innerException)
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public RatingFormatException()
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    /// <param name="message">What is wrong.</param>
    public RatingFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a plain message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public RatingFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
