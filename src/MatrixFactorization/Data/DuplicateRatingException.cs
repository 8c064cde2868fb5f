namespace MatrixFactorization.Data;

/// <summary>The same (user, item) pair was rated twice under <see cref="DuplicatePolicy.Error"/>.</summary>
public sealed class DuplicateRatingException : RatingDataException
{
    /// <summary>Creates the exception for a pair seen at two records.</summary>
    /// <param name="source">The file name or other source description, if known.</param>
    /// <param name="user">The raw user id.</param>
    /// <param name="item">The raw item id.</param>
    /// <param name="firstLine">The line (or record number) of the first rating.</param>
    /// <param name="secondLine">The line (or record number) of the repeated rating.</param>
    public DuplicateRatingException(string? source, string user, string item, long firstLine, long secondLine)
        : base(
            $"user {user} rated item {item} twice, at {Where(source)} {firstLine} and {secondLine}",
            source,
            secondLine,
            hint: "Choose a duplicate policy (KeepLast, KeepFirst or Average; --duplicates on the command line) or remove one of the lines.")
    {
        User = user;
        Item = item;
        FirstLine = firstLine;
        SecondLine = secondLine;
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public DuplicateRatingException()
    {
        User = Item = string.Empty;
    }

    /// <summary>Creates an exception with a plain message.</summary>
    /// <param name="message">What is wrong.</param>
    public DuplicateRatingException(string message)
        : base(message)
    {
        User = Item = string.Empty;
    }

    /// <summary>Creates an exception with a plain message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public DuplicateRatingException(string message, Exception innerException)
        : base(message, innerException)
    {
        User = Item = string.Empty;
    }

    /// <summary>The raw user id.</summary>
    public string User { get; }

    /// <summary>The raw item id.</summary>
    public string Item { get; }

    /// <summary>The line (or record number) of the first rating of the pair.</summary>
    public long FirstLine { get; }

    /// <summary>The line (or record number) of the repeated rating.</summary>
    public long SecondLine { get; }

    private static string Where(string? source) => source is null ? "records" : "lines";
}
