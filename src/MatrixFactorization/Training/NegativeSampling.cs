namespace MatrixFactorization.Training;

/// <summary>How BPR draws the item a sampled triple says the user did not choose.</summary>
public enum NegativeSampling
{
    /// <summary>
    /// Uniformly among the items with interactions, other than the positive item itself; an item the
    /// user did choose may be drawn (as LightFM does), which costs nothing to check.
    /// </summary>
    Uniform,

    /// <summary>
    /// Uniformly among the items the user has no interaction with: a draw of one of the user's own
    /// items is redrawn (as implicit's <c>verify_negative_samples</c> does), so no step pushes down
    /// an item the user chose.
    /// </summary>
    ExcludePositives,
}
