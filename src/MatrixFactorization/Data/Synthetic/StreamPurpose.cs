namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// Labels of the generator's random streams. Each (seed, purpose, index) stream is independent, so
/// changing how many users' ratings are drawn does not shift the item parameters, and no result
/// depends on which thread drew what.
/// </summary>
internal static class StreamPurpose
{
    public const ulong UserParameters = 101;
    public const ulong ItemParameters = 102;
    public const ulong UserPopularity = 103;
    public const ulong ItemPopularity = 104;
    public const ulong UserRatings = 105;
}
