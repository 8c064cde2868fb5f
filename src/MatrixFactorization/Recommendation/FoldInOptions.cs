namespace MatrixFactorization.Recommendation;

/// <summary>
/// The regularization of a fold-in. Use the values the model was trained with: SGD applies the
/// penalty once per rating, so at its fixed point a user with n ratings is regularized by
/// λ·n, which is what <see cref="ScaleByRatingCount"/> reproduces.
/// </summary>
public sealed record FoldInOptions
{
    private readonly float _factorRegularization = 0.1f;
    private readonly float _biasRegularization = 0.02f;

    /// <summary>λ for the factor vector; positive and finite so the k×k system is always solvable. Default 0.1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public float FactorRegularization
    {
        get => _factorRegularization;
        init => _factorRegularization = Positive(value, nameof(FactorRegularization));
    }

    /// <summary>λ for the bias (biased model only); positive and finite. Default 0.02.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public float BiasRegularization
    {
        get => _biasRegularization;
        init => _biasRegularization = Positive(value, nameof(BiasRegularization));
    }

    /// <summary>Multiply both penalties by the number of ratings, as per-rating SGD does. Default on.</summary>
    public bool ScaleByRatingCount { get; init; } = true;

    private static float Positive(float value, string name) =>
        value > 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive and finite.");
}
