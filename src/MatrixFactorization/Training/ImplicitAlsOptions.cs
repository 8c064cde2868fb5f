using MatrixFactorization.Foundation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for implicit-feedback alternating least squares (Hu, Koren and Volinsky 2008). One
/// epoch is one iteration: every user solved against the fixed item factors, then every item
/// against the new user factors. Valid once made (see <see cref="TrainerOptions"/>). The defaults
/// were chosen by cross-validation on MovieLens training data (docs/models/implicit-als.md).
/// </summary>
/// <remarks><see cref="TrainerOptions.ClipPredictions"/> has no effect: the model's scores rank items and are never clipped.</remarks>
public sealed record ImplicitAlsOptions : TrainerOptions
{
    /// <summary>The default number of iterations.</summary>
    internal const int DefaultEpochs = 15;

    /// <summary>Creates the default settings.</summary>
    public ImplicitAlsOptions() => Epochs = DefaultEpochs;

    /// <summary>The number of latent factors k, in [1, 1024].</summary>
    public int FactorCount { get; init => field = OptionGuard.InRange(value, 1, 1024, nameof(FactorCount)); } = 128;

    /// <summary>λ, &gt; 0: the L2 penalty on every factor vector (<see cref="ImplicitObjective.Regularization"/>).</summary>
    public float Regularization { get; init => field = OptionGuard.Positive(value, nameof(Regularization)); } = ImplicitObjective.DefaultRegularization;

    /// <summary>α, ≥ 0: the confidence of an interaction is 1 + α·w, or 1 + α·ln(1 + w/ε) with logarithmic scaling.</summary>
    public float Alpha { get; init => field = OptionGuard.NonNegative(value, nameof(Alpha)); } = ImplicitObjective.DefaultAlpha;

    /// <summary>How a stored value w becomes a confidence.</summary>
    public ConfidenceScaling Confidence { get; init => field = OptionGuard.Defined(value, nameof(Confidence)); } = ConfidenceScaling.Linear;

    /// <summary>ε, &gt; 0, of logarithmic scaling.</summary>
    public float Epsilon { get; init => field = OptionGuard.Positive(value, nameof(Epsilon)); } = 1f;

    /// <summary>
    /// Stored values below this are not interactions and are left out of training; −∞ keeps every
    /// value. Users and items left without interactions are unknown to the model. An interaction
    /// with a negative value is negative feedback (preference 0 with the confidence of its magnitude).
    /// </summary>
    public float InteractionThreshold { get; init => field = OptionGuard.NotNaN(value, nameof(InteractionThreshold)); } = ImplicitObjective.DefaultThreshold;

    /// <summary>How each row's least-squares system is solved.</summary>
    public ImplicitAlsSolver Solver { get; init => field = OptionGuard.Defined(value, nameof(Solver)); } = ImplicitAlsSolver.ConjugateGradient;

    /// <summary>Conjugate-gradient steps per row and half-iteration, in [1, 1000] (the implicit library's default is 3).</summary>
    public int CgSteps { get; init => field = OptionGuard.InRange(value, 1, 1000, nameof(CgSteps)); } = 3;

    /// <summary>The random seed of the initial factors; the same seed gives a bit-identical model for any thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads, in [0, 1024]; 0 means one per processor.</summary>
    public int Threads { get; init => field = OptionGuard.InRange(value, 0, 1024, nameof(Threads)); }

    /// <summary>The thread count actually used.</summary>
    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <summary>The objective these settings fit, which the model keeps.</summary>
    internal ImplicitObjective ToObjective() => new()
    {
        InteractionThreshold = InteractionThreshold,
        Scaling = Confidence,
        Alpha = Alpha,
        Epsilon = Epsilon,
        Regularization = Regularization,
    };

    /// <summary>None: least squares has no learning rate, and the epochs report 0.</summary>
    internal override ILearningRateSchedule CreateSchedule() => new ConstantLearningRate(0f);
}
