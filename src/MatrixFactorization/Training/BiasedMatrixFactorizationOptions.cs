using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>Settings for biased matrix factorization (r̂ = μ + b_u + b_i + p·q). The defaults are
/// chosen by cross-validation on training data (see the README's accuracy section).</summary>
public sealed record BiasedMatrixFactorizationOptions : SgdOptions
{
    /// <summary>Creates the default settings.</summary>
    public BiasedMatrixFactorizationOptions()
    {
        Factors = 128;
        Epochs = 100;
        LearningRate = 0.005f;
        FactorRegularization = 0.1f;
        Initialization = FactorInitialization.Normal(0.1f);
    }

    /// <summary>L2 regularization of the biases, ≥ 0.</summary>
    public float BiasRegularization { get; init; } = 0.02f;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        OptionGuard.NonNegative(BiasRegularization, nameof(BiasRegularization));
    }
}
