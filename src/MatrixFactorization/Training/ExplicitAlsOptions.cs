using MatrixFactorization.Foundation;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for explicit alternating least squares with weighted-λ regularization (ALS-WR; Zhou,
/// Wilkinson, Schreiber and Pan 2008), fitting r̂ = μ + b_u + b_i + p·q. One epoch is one iteration:
/// every user solved exactly against the fixed items, then every item against the new users. Valid
/// once made (see <see cref="TrainerOptions"/>). The defaults were chosen by cross-validation on
/// MovieLens training data (docs/models/explicit-als.md).
/// </summary>
public sealed record ExplicitAlsOptions : TrainerOptions
{
    /// <summary>The default number of iterations.</summary>
    internal const int DefaultEpochs = 10;

    /// <summary>Creates the default settings.</summary>
    public ExplicitAlsOptions() => Epochs = DefaultEpochs;

    /// <summary>The number of latent factors k, in [1, 256]: each row's system has k + 1 unknowns and costs O(k³) to solve.</summary>
    public int FactorCount { get; init => field = OptionGuard.InRange(value, 1, 256, nameof(FactorCount)); } = 64;

    /// <summary>λ, &gt; 0: the L2 penalty on every factor vector, times its rating count when <see cref="WeightedRegularization"/> is on.</summary>
    public float Regularization { get; init => field = OptionGuard.Positive(value, nameof(Regularization)); } = 0.1f;

    /// <summary>The L2 penalty on every bias, &gt; 0, times its rating count when <see cref="WeightedRegularization"/> is on.</summary>
    public float BiasRegularization { get; init => field = OptionGuard.Positive(value, nameof(BiasRegularization)); } = 0.1f;

    /// <summary>
    /// Weighted-λ (ALS-WR, as Spark's ALS): a user with n ratings is penalized λ·n‖p‖² + λ_b·n·b², an
    /// item alike. This is the penalty per-rating SGD applies, so λ means about the same in both.
    /// Off: λ‖p‖² + λ_b·b² whatever the count.
    /// </summary>
    public bool WeightedRegularization { get; init; } = true;

    /// <summary>How the item factors start (the user factors are solved first, from them); biases start at zero.</summary>
    public FactorInitialization Initialization { get; init => field = OptionGuard.NotNull(value, nameof(Initialization)); } = FactorInitialization.Normal(0.1f);

    /// <summary>The random seed of the initial item factors; the same seed gives a bit-identical model for any thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads, in [0, 1024]; 0 means one per processor.</summary>
    public int Threads { get; init => field = OptionGuard.InRange(value, 0, 1024, nameof(Threads)); }

    /// <summary>The thread count actually used.</summary>
    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <summary>The fold-in that solves the same penalized least squares for a new user as training solved for every user.</summary>
    /// <returns>The fold-in settings.</returns>
    public FoldInOptions ToFoldInOptions() => new()
    {
        FactorRegularization = Regularization,
        BiasRegularization = BiasRegularization,
        ScaleByRatingCount = WeightedRegularization,
    };

    /// <summary>None: least squares has no learning rate, and the epochs report 0.</summary>
    internal override ILearningRateSchedule CreateSchedule() => new ConstantLearningRate(0f);
}
