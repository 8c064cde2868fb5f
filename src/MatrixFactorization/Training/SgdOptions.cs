using MatrixFactorization.Foundation;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings shared by the SGD-trained factorization models, valid once made (see
/// <see cref="TrainerOptions"/>). The defaults are chosen by cross-validation on training data (see
/// the README's accuracy section); training runs 100 epochs unless told otherwise.
/// </summary>
public abstract record SgdOptions : TrainerOptions
{
    private protected SgdOptions() => Epochs = 100;

    /// <summary>The number of latent factors k, in [1, 4096].</summary>
    public int FactorCount { get; init => field = OptionGuard.InRange(value, 1, 4096, nameof(FactorCount)); } = 128;

    /// <summary>The learning rate η of the first epoch, &gt; 0.</summary>
    public float LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.005f;

    /// <summary>The factor the learning rate is multiplied by after every epoch, in (0, 1]; 1 keeps it constant.</summary>
    public float LearningRateDecay { get; init => field = OptionGuard.UnitInterval(value, nameof(LearningRateDecay)); } = 1f;

    /// <summary>L2 regularization λ of the factor vectors, ≥ 0, applied per update as in Funk's SVD.</summary>
    public float FactorRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(FactorRegularization)); } = 0.1f;

    /// <summary>How the factors are initialized; not null.</summary>
    public FactorInitialization Initialization { get; init => field = OptionGuard.NotNull(value, nameof(Initialization)); } = FactorInitialization.Normal(0.1f);

    /// <summary>Plain SGD or AdaGrad.</summary>
    public SgdOptimizer Optimizer { get; init => field = OptionGuard.Defined(value, nameof(Optimizer)); } = SgdOptimizer.Sgd;

    /// <summary>The random seed; the same seed gives a bit-identical model for any thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads, in [0, 1024]; 0 means one per processor.</summary>
    public int Threads { get; init => field = OptionGuard.InRange(value, 0, 1024, nameof(Threads)); }

    /// <summary>
    /// Blocks per side of the user × item grid, in [1, 256]. The grid does not depend on
    /// <see cref="Threads"/>, which is what makes the result independent of the thread count.
    /// </summary>
    public int GridSize { get; init => field = OptionGuard.InRange(value, 1, 256, nameof(GridSize)); } = 8;

    /// <summary>
    /// Whether ratings are shuffled within each block once before training. Off (the default),
    /// each block is ordered by user for cache locality, as in LIBMF, and dealt into four
    /// interleaved runs so the processor can overlap consecutive updates; on large data that is
    /// much faster than a shuffled order and, measured on MovieLens, as accurate.
    /// </summary>
    public bool Shuffle { get; init; }

    /// <summary>The thread count actually used.</summary>
    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <summary><see cref="LearningRate"/>, multiplied by <see cref="LearningRateDecay"/> after each epoch.</summary>
    internal override ILearningRateSchedule CreateSchedule() => new PerEpochDecay(LearningRate, LearningRateDecay);

    /// <summary>The fold-in options that regularize a new user or item as this training did: the
    /// same λ, applied once per rating.</summary>
    /// <returns>The fold-in options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The regularization is 0, which leaves a fold-in unsolvable.</exception>
    public virtual FoldInOptions ToFoldInOptions() => new() { FactorRegularization = FactorRegularization };
}
