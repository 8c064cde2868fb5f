namespace MatrixFactorization.Data.Readers;

/// <summary>Where bad lines go: an exception at the first one, or, when skipping, a count and the
/// first few in detail.</summary>
/// <param name="source">The source name for errors.</param>
/// <param name="skip">Whether bad lines are skipped.</param>
/// <param name="maxErrors">How many skipped lines to keep in detail.</param>
internal sealed class ProblemLog(string source, bool skip, int maxErrors)
{
    private const int MaxValueLength = 200;
    private readonly List<LoadError> _errors = [];

    /// <summary>Bad lines skipped so far.</summary>
    public long Skipped { get; private set; }

    /// <summary>The first skipped lines, in line order.</summary>
    public IReadOnlyList<LoadError> Errors => _errors.AsReadOnly();

    /// <summary>Throws, or counts and remembers the line when skipping.</summary>
    public void Report(long line, int column, string problem, string? value, string? hint)
    {
        if (!skip)
        {
            throw new RatingFormatException(problem, source, line, column, value, hint);
        }

        Skipped++;
        if (_errors.Count < maxErrors)
        {
            string? kept = value is { Length: > MaxValueLength } ? value[..MaxValueLength] + "..." : value;
            _errors.Add(new LoadError(line, column, kept, problem, hint));
        }
    }
}
