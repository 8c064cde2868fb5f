using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for the baseline μ + b_u + b_i, fitted by alternating least squares as in Koren (2010)
/// and Surprise's BaselineOnly, whose defaults these are (10 epochs, λ_u = 15, λ_i = 10). Each
/// alternating pass (item biases, then user biases) is one epoch. Valid once made (see
/// <see cref="TrainerOptions"/>).
/// </summary>
public sealed record BaselineOptions : TrainerOptions
{
    /// <summary>Shrinkage of user biases toward zero, ≥ 0 (in ratings: a user with n ratings is shrunk by n / (n + λ)).</summary>
    public float UserRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(UserRegularization)); } = 15f;

    /// <summary>Shrinkage of item biases toward zero, ≥ 0.</summary>
    public float ItemRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(ItemRegularization)); } = 10f;

    /// <summary>None: least squares has no learning rate, and the epochs report 0.</summary>
    internal override ILearningRateSchedule CreateSchedule() => new ConstantLearningRate(0f);
}
