using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Splits;

/// <summary>
/// Options of <see cref="RatingSplitter.Temporal"/>: the latest ratings form the test set, either
/// those at or after a cut-off time or the latest fraction of all ratings.
/// </summary>
public sealed record TemporalOptions : SplitOptions
{
    private readonly double _testFraction = 0.2;

    /// <summary>
    /// The fraction of ratings, latest first, that form the test set, in (0, 1): exactly
    /// <c>round(TestFraction × Count)</c> before cold-start handling, with ties in time at the
    /// boundary broken by the seed. Default 0.2. Ignored when <see cref="Cutoff"/> is set.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not in (0, 1).</exception>
    public double TestFraction
    {
        get => _testFraction;
        init => _testFraction = OptionGuard.OpenFraction(value, nameof(TestFraction));
    }

    /// <summary>
    /// When set, a Unix-seconds time: ratings at or after it form the test set, earlier ones the
    /// train set. Default null (use <see cref="TestFraction"/>).
    /// </summary>
    public long? Cutoff { get; init; }
}
