using MatrixFactorization.Foundation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for <see cref="EaseTrainer"/>. The fit is closed-form, so it is one epoch: later
/// epochs would change nothing and run nothing (<see cref="TrainerOptions.Epochs"/> defaults to 1 here).
/// Valid once made (see <see cref="TrainerOptions"/>).
/// </summary>
public sealed record EaseOptions : TrainerOptions
{
    /// <summary>The largest <see cref="MaxItems"/> allowed: a float matrix of items² must fit one .NET array.</summary>
    public const int ItemCeiling = 46_340;

    /// <summary>Creates the default settings.</summary>
    public EaseOptions() => Epochs = 1;

    /// <summary>
    /// The L2 regularization λ added to the diagonal of XᵀX, finite and above 0. Larger values shrink
    /// the weights and favour popular items less. The default was chosen by 5-fold cross-validation
    /// of NDCG@10 on the training part of the bundled ml-latest-small data (see docs/models/ease.md).
    /// </summary>
    public float Lambda { get; init => field = OptionGuard.Positive(value, nameof(Lambda)); } = 125f;

    /// <summary>
    /// What each training rating puts into the interaction matrix X. The default was chosen by
    /// the same cross-validation (see docs/models/ease.md).
    /// </summary>
    public InteractionWeighting Weighting { get; init => field = OptionGuard.Defined(value, nameof(Weighting)); } = InteractionWeighting.Rating;

    /// <summary>
    /// The most items the trainer accepts, in [1, <see cref="ItemCeiling"/>]. The weights take
    /// 4 bytes × items² (1.6 GB at the default 20,000) and the solve up to twice that again in
    /// doubles; more items make <see cref="EaseTrainer.Fit"/> throw <see cref="ItemLimitException"/>.
    /// </summary>
    public int MaxItems { get; init => field = OptionGuard.InRange(value, 1, ItemCeiling, nameof(MaxItems)); } = 20_000;

    /// <summary>Threads for the solve, in [0, 1024]; 0 (the default) for one per processor. The model is the same for any count.</summary>
    public int Threads { get; init => field = OptionGuard.InRange(value, 0, 1024, nameof(Threads)); }

    /// <summary>Which closed form to compute; for tests, which check both.</summary>
    internal EaseSolution Solution { get; init; }

    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <summary>None: a closed form has no learning rate, and the epoch reports 0.</summary>
    internal override ILearningRateSchedule CreateSchedule() => new ConstantLearningRate(0f);
}
