using MatrixFactorization.Foundation;

namespace MatrixFactorization.Evaluation;

/// <summary>How a ranking evaluation cuts and judges the lists. Values are checked when set, so options that exist are valid.</summary>
public sealed record RankingOptions
{
    private readonly int _k = 10;
    private readonly float _relevanceThreshold = 4f;
    private readonly int _threads;

    /// <summary>The list length K every metric is cut at, at least 1. Default 10.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int K
    {
        get => _k;
        init => _k = OptionGuard.AtLeast(value, 1, nameof(K));
    }

    /// <summary>A held-out rating at or above this value makes the item relevant; any number but NaN. Default 4.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    public float RelevanceThreshold
    {
        get => _relevanceThreshold;
        init => _relevanceThreshold = OptionGuard.NotNaN(value, nameof(RelevanceThreshold));
    }

    /// <summary>Leave the items a user rated in training out of their list (needs the training ratings). Default on.</summary>
    public bool ExcludeRated { get; init; } = true;

    /// <summary>Threads for generating the lists, at least 0; 0 (the default) for one per processor.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Threads
    {
        get => _threads;
        init => _threads = OptionGuard.AtLeast(value, 0, nameof(Threads));
    }
}
