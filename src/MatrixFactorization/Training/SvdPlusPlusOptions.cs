using MatrixFactorization.Foundation;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for SVD++ (Koren 2008), r̂_ui = μ + b_u + b_i + q_i · (p_u + |N(u)|^−½ Σ_{j∈N(u)} y_j),
/// trained by SGD one user at a time. Valid once made (see <see cref="TrainerOptions"/>). The
/// defaults were chosen by 5-fold cross-validation on MovieLens training data (docs/models/svdpp.md).
/// </summary>
public sealed record SvdPlusPlusOptions : TrainerOptions
{
    /// <summary>The default number of epochs.</summary>
    internal const int DefaultEpochs = 100;

    /// <summary>Creates the default settings.</summary>
    public SvdPlusPlusOptions() => Epochs = DefaultEpochs;

    /// <summary>The number of latent factors k, in [1, 1024].</summary>
    public int FactorCount { get; init => field = OptionGuard.InRange(value, 1, 1024, nameof(FactorCount)); } = 256;

    /// <summary>The learning rate η of the first epoch, &gt; 0.</summary>
    public float LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.007f;

    /// <summary>The factor the learning rate is multiplied by after every epoch, in (0, 1]; 1 keeps it constant.</summary>
    public float LearningRateDecay { get; init => field = OptionGuard.UnitInterval(value, nameof(LearningRateDecay)); } = 1f;

    /// <summary>L2 regularization λ of p_u and q_i, ≥ 0, applied per rating as in Funk's SVD.</summary>
    public float FactorRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(FactorRegularization)); } = 0.15f;

    /// <summary>L2 regularization of the biases b_u and b_i, ≥ 0, applied per rating.</summary>
    public float BiasRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(BiasRegularization)); } = 0.1f;

    /// <summary>L2 regularization λ_y of the implicit factors y_j, ≥ 0, applied per rating like λ: each user pass shrinks y_j as its |N(u)| per-rating steps would.</summary>
    public float ImplicitRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(ImplicitRegularization)); } = 0.02f;

    /// <summary>How p, q and y are initialized; not null. Biases start at zero.</summary>
    public FactorInitialization Initialization { get; init => field = OptionGuard.NotNull(value, nameof(Initialization)); } = FactorInitialization.Normal(0.1f);

    /// <summary>The random seed of the initialization and of the user and rating order; the same seed gives a bit-identical model for any thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// Threads, in [0, 1024]; 0 means one per processor. They fill the initial factors and recompute
    /// the users' combined vectors after each epoch; the SGD pass itself runs on one thread, in one
    /// seeded order, so the model is the same for any count.
    /// </summary>
    public int Threads { get; init => field = OptionGuard.InRange(value, 0, 1024, nameof(Threads)); }

    /// <summary>The thread count actually used.</summary>
    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <summary>
    /// The fold-in options that regularize a new user's p_u and b_u as this training did: the same
    /// λ and bias λ, applied once per rating. The implicit part comes from the trained y as it is.
    /// </summary>
    /// <returns>The fold-in options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A regularization is 0, which leaves a fold-in unsolvable.</exception>
    public FoldInOptions ToFoldInOptions() => new() { FactorRegularization = FactorRegularization, BiasRegularization = BiasRegularization };

    /// <summary><see cref="LearningRate"/>, multiplied by <see cref="LearningRateDecay"/> after each epoch.</summary>
    internal override ILearningRateSchedule CreateSchedule() => new PerEpochDecay(LearningRate, LearningRateDecay);
}
