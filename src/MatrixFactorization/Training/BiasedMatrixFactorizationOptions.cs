using MatrixFactorization.Foundation;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Training;

/// <summary>Settings for biased matrix factorization (r̂ = μ + b_u + b_i + p·q): the
/// <see cref="SgdOptions"/> defaults and the regularization of the biases.</summary>
public sealed record BiasedMatrixFactorizationOptions : SgdOptions
{
    /// <summary>L2 regularization of the biases, ≥ 0.</summary>
    public float BiasRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(BiasRegularization)); } = 0.02f;

    /// <inheritdoc/>
    public override FoldInOptions ToFoldInOptions() => base.ToFoldInOptions() with { BiasRegularization = BiasRegularization };
}
