using MatrixFactorization.Foundation;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for Bayesian personalized ranking (<see cref="BprTrainer"/>), valid once made (see
/// <see cref="TrainerOptions"/>). The defaults were chosen by five-fold cross-validation of NDCG@10
/// on the training part of MovieLens (docs/models/bpr.md has the table).
/// </summary>
public sealed record BprOptions : TrainerOptions
{
    /// <summary>Creates the default settings.</summary>
    public BprOptions() => Epochs = 200;

    /// <summary>The number of latent factors k, in [1, 4096].</summary>
    public int FactorCount { get; init => field = OptionGuard.InRange(value, 1, 4096, nameof(FactorCount)); } = 256;

    /// <summary>The learning rate η of every step, &gt; 0.</summary>
    public float LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.05f;

    /// <summary>The factor the learning rate is multiplied by after every epoch, in (0, 1]; 1 keeps it constant.</summary>
    public float LearningRateDecay { get; init => field = OptionGuard.UnitInterval(value, nameof(LearningRateDecay)); } = 1f;

    /// <summary>L2 regularization λ of the three factor rows a step touches, ≥ 0, applied at every step.</summary>
    public float Regularization { get; init => field = OptionGuard.NonNegative(value, nameof(Regularization)); } = 0.01f;

    /// <summary>L2 regularization of the two item biases a step touches, ≥ 0 (used only with <see cref="ItemBias"/>).</summary>
    public float BiasRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(BiasRegularization)); } = 0.01f;

    /// <summary>Whether scores include a learned item bias b_i (b_i + p_u · q_i) or are the dot product alone.</summary>
    public bool ItemBias { get; init; } = true;

    /// <summary>How the item a triple says the user did not choose is drawn.</summary>
    public NegativeSampling NegativeSampling { get; init => field = OptionGuard.Defined(value, nameof(NegativeSampling)); } = NegativeSampling.ExcludePositives;

    /// <summary>
    /// The lowest rating that counts as an interaction (any value but NaN; default 4): ratings below
    /// it are left out of training, and users or items left with none are cold. Negative infinity
    /// makes every rating an interaction, as for data that holds only interactions.
    /// </summary>
    public float MinimumRating { get; init => field = OptionGuard.NotNaN(value, nameof(MinimumRating)); } = 4f;

    /// <summary>How the factors are initialized; not null. The item biases start at zero.</summary>
    public FactorInitialization Initialization { get; init => field = OptionGuard.NotNull(value, nameof(Initialization)); } = FactorInitialization.Normal(0.1f);

    /// <summary>The random seed; the same seed gives a bit-identical model for any thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads, in [0, 1024]; 0 means one per processor.</summary>
    public int Threads { get; init => field = OptionGuard.InRange(value, 0, 1024, nameof(Threads)); }

    /// <summary>
    /// Blocks per side of the user × item grid, in [1, 256]. Each triple draws its negative item
    /// from its own block's items, so the grid is part of the sampling and of the result; it does
    /// not depend on <see cref="Threads"/>, which is what keeps the result independent of the
    /// thread count.
    /// </summary>
    public int GridSize { get; init => field = OptionGuard.InRange(value, 1, 256, nameof(GridSize)); } = 8;

    /// <summary>
    /// The fold-in options for a new user of a BPR model: λ = 1 on the factors, applied once per
    /// interaction. Fold the user in from their interactions (ratings of at least
    /// <see cref="MinimumRating"/>) with their ratings as the values; the user gets no bias, since
    /// a BPR score has none. Measured on MovieLens training data, users folded in so scored their
    /// held-out items about as well as when trained with the others (see docs/models/bpr.md).
    /// </summary>
    /// <returns>The fold-in options.</returns>
    public FoldInOptions ToFoldInOptions() => new() { FactorRegularization = 1f };

    /// <summary>The thread count actually used.</summary>
    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <summary><see cref="LearningRate"/>, multiplied by <see cref="LearningRateDecay"/> after each epoch.</summary>
    internal override ILearningRateSchedule CreateSchedule() => new PerEpochDecay(LearningRate, LearningRateDecay);
}
