namespace MatrixFactorization.Data;

/// <summary>What a read produced: the ratings and an account of how they were read.</summary>
/// <param name="Store">The ratings.</param>
/// <param name="Report">Counts, skipped lines, duplicates and timing.</param>
public sealed record LoadResult(RatingStore Store, LoadReport Report)
{
    /// <summary>The ratings in the order the data gave them, when <see cref="RatingReadOptions.KeepFileOrder"/> was set; otherwise null.</summary>
    public FileOrder? FileOrder { get; init; }
}
