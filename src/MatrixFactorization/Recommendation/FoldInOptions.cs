using MatrixFactorization.Training;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// The regularization of a fold-in. Use the values the model was trained with: SGD applies the
/// penalty once per rating, so at its fixed point a user with n ratings is regularized by
/// λ·n, which is what <see cref="ScaleByRatingCount"/> reproduces.
/// </summary>
public sealed record FoldInOptions
{
    /// <summary>λ for the factor vector; must be positive so the k×k system is always solvable.</summary>
    public float FactorRegularization { get; init; } = 0.1f;

    /// <summary>λ for the bias (biased model only); must be positive.</summary>
    public float BiasRegularization { get; init; } = 0.02f;

    /// <summary>Multiply both penalties by the number of ratings, as per-rating SGD does. Default on.</summary>
    public bool ScaleByRatingCount { get; init; } = true;

    /// <summary>The fold-in options matching a trainer's options.</summary>
    /// <param name="options">The options the model was trained with.</param>
    /// <returns>The same regularization, scaled by rating count.</returns>
    public static FoldInOptions From(SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new FoldInOptions
        {
            FactorRegularization = options.FactorRegularization,
            BiasRegularization = options is BiasedMatrixFactorizationOptions biased ? biased.BiasRegularization : 0.02f,
        };
    }

    /// <summary>Throws when a penalty is not positive and finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A penalty is zero, negative or not finite.</exception>
    public void Validate()
    {
        if (!(FactorRegularization > 0) || !float.IsFinite(FactorRegularization))
        {
            throw new ArgumentOutOfRangeException(nameof(FactorRegularization), FactorRegularization, "Must be positive and finite.");
        }

        if (!(BiasRegularization > 0) || !float.IsFinite(BiasRegularization))
        {
            throw new ArgumentOutOfRangeException(nameof(BiasRegularization), BiasRegularization, "Must be positive and finite.");
        }
    }
}
