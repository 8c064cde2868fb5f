using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for the baseline μ + b_u + b_i, fitted by alternating least squares as in Koren (2010)
/// and Surprise's BaselineOnly, whose defaults these are (10 epochs, λ_u = 15, λ_i = 10).
/// </summary>
public sealed record BaselineOptions
{
    /// <summary>Alternating passes (item biases, then user biases), in [1, 10000].</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Shrinkage of user biases toward zero, ≥ 0 (in ratings: a user with n ratings is shrunk by n / (n + λ)).</summary>
    public float UserRegularization { get; init; } = 15f;

    /// <summary>Shrinkage of item biases toward zero, ≥ 0.</summary>
    public float ItemRegularization { get; init; } = 10f;

    /// <summary>Whether the trained model clips predictions to the training rating scale.</summary>
    public bool ClipPredictions { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad option.</summary>
    public void Validate()
    {
        OptionGuard.InRange(Epochs, 1, 10_000, nameof(Epochs));
        OptionGuard.NonNegative(UserRegularization, nameof(UserRegularization));
        OptionGuard.NonNegative(ItemRegularization, nameof(ItemRegularization));
    }
}
