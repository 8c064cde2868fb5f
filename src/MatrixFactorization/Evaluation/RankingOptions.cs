namespace MatrixFactorization.Evaluation;

/// <summary>How a ranking evaluation cuts and judges the lists.</summary>
public sealed record RankingOptions
{
    /// <summary>The list length K every metric is cut at. Default 10.</summary>
    public int K { get; init; } = 10;

    /// <summary>A held-out rating at or above this value makes the item relevant. Default 4.</summary>
    public float RelevanceThreshold { get; init; } = 4f;

    /// <summary>Leave the items a user rated in training out of their list (needs the training ratings). Default on.</summary>
    public bool ExcludeRated { get; init; } = true;

    /// <summary>Threads for generating the lists; 0 for one per processor.</summary>
    public int Threads { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">K is below 1, the threshold is NaN, or threads negative.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(K, 1, nameof(K));
        ArgumentOutOfRangeException.ThrowIfNegative(Threads, nameof(Threads));
        if (float.IsNaN(RelevanceThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(RelevanceThreshold), "The relevance threshold must be a number.");
        }
    }
}
