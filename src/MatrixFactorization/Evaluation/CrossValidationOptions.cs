using MatrixFactorization.Foundation;

namespace MatrixFactorization.Evaluation;

/// <summary>How to cross-validate. Values are checked when set, so options that exist are valid.</summary>
public sealed record CrossValidationOptions
{
    private readonly int _folds = 5;
    private readonly int _repeats = 1;

    /// <summary>Folds per repetition, at least 2. Default 5.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 2.</exception>
    public int Folds
    {
        get => _folds;
        init => _folds = OptionGuard.AtLeast(value, 2, nameof(Folds));
    }

    /// <summary>Repetitions, each with a fresh random partition, at least 1. Default 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int Repeats
    {
        get => _repeats;
        init => _repeats = OptionGuard.AtLeast(value, 1, nameof(Repeats));
    }

    /// <summary>Seed of the partitions; repetition r uses Seed + r. The same seed gives the same folds. Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Also compute ranking metrics with these options; null for rating errors only (faster).</summary>
    public RankingOptions? Ranking { get; init; }

    /// <summary>
    /// With <see cref="Ranking"/>: lists leave out items with fewer ratings than this in the fold's
    /// training part (see <see cref="Recommendation.Recommender"/>). Default 0, nothing left out.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MinimumItemRatings
    {
        get;
        init => field = OptionGuard.AtLeast(value, 0, nameof(MinimumItemRatings));
    }
}
