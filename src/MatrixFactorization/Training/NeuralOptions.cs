using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for the neural collaborative-filtering model (<see cref="Models.NeuralModel"/>): user and
/// item embeddings, concatenated, through ReLU and dropout into a stack of ReLU layers and a linear
/// output, trained by Adam with decoupled weight decay. Valid once made (see <see cref="TrainerOptions"/>).
/// </summary>
/// <remarks>
/// The defaults were chosen on the MovieLens notebook split's training file alone: a seeded 80/20
/// split of it, training on 80% and comparing the RMSE on the other 20% over embedding sizes,
/// widths, dropout, regularization, learning rates and schedules (the split's validation file was
/// never used for choosing). The notebook's own shape (100 + 100 embeddings, 10 hidden units,
/// dropout 0.1) overfits there; 64 + 64, 32 hidden units, dropout 0.5 and λ = 0.1 generalized best.
/// </remarks>
public sealed record NeuralOptions : TrainerOptions
{
    private readonly int[] _hiddenLayers = [32];
    private readonly LearningRatePhase[]? _schedule;
    private readonly IReadOnlyList<LearningRatePhase>? _scheduleView;

    /// <summary>The length of a user embedding, in [1, 1024].</summary>
    public int UserEmbeddingLength { get; init => field = OptionGuard.InRange(value, 1, 1024, nameof(UserEmbeddingLength)); } = 64;

    /// <summary>The length of an item embedding, in [1, 1024].</summary>
    public int ItemEmbeddingLength { get; init => field = OptionGuard.InRange(value, 1, 1024, nameof(ItemEmbeddingLength)); } = 64;

    /// <summary>The widths of the hidden ReLU layers, input side first; each in [1, 1024], at most 8
    /// layers. Empty means the output layer reads the embeddings directly. The widths are copied,
    /// so the options stay immutable.</summary>
    public IReadOnlyList<int> HiddenLayers
    {
        get => _hiddenLayers;
        init => _hiddenLayers = CheckHiddenLayers(value);
    }

    /// <summary>The probability of zeroing an input of the first layer during training, in [0, 1).</summary>
    public float Dropout { get; init => field = OptionGuard.HalfOpenUnitInterval(value, nameof(Dropout)); } = 0.5f;

    /// <summary>Whether μ + b_u + b_i is learned alongside the network and added to its output.</summary>
    public bool UseBiases { get; init; } = true;

    /// <summary>
    /// Whether the output passes through a sigmoid scaled to the rating range widened by
    /// <see cref="OutputMargin"/> on both sides (fastai's <c>y_range</c>). Without it the output is
    /// μ plus the network's value, unbounded.
    /// </summary>
    public bool SquashOutput { get; init; }

    /// <summary>How far beyond the training scale the squashed output may reach, ≥ 0, so the
    /// extremes of the scale stay reachable by a finite input.</summary>
    public float OutputMargin { get; init => field = OptionGuard.NonNegative(value, nameof(OutputMargin)); } = 0.5f;

    /// <summary>Ratings per Adam step, in [0, 2^30]; 0 means full batch (one step per epoch, as in the notebook).</summary>
    public int BatchSize { get; init => field = OptionGuard.InRange(value, 0, 1 << 30, nameof(BatchSize)); } = 1024;

    /// <summary>The Adam learning rate of the first epoch, &gt; 0.</summary>
    public float LearningRate { get; init => field = OptionGuard.Positive(value, nameof(LearningRate)); } = 0.003f;

    /// <summary>The factor the learning rate is multiplied by once every <see cref="LearningRateStepEpochs"/>
    /// epochs (step decay), in (0, 1].</summary>
    public float LearningRateStepFactor { get; init => field = OptionGuard.UnitInterval(value, nameof(LearningRateStepFactor)); } = 0.3f;

    /// <summary>Epochs between the steps of <see cref="LearningRateStepFactor"/>, in [0, 100000]; 0 keeps the rate constant.</summary>
    public int LearningRateStepEpochs { get; init => field = OptionGuard.InRange(value, 0, 100_000, nameof(LearningRateStepEpochs)); } = 5;

    /// <summary>
    /// An explicit learning-rate schedule, or null (the default) for <see cref="LearningRate"/> with
    /// step decay. The phases run in order, each for its number of epochs; epochs past the last
    /// phase keep its rate, and training still stops after <see cref="TrainerOptions.Epochs"/>. When set,
    /// <see cref="LearningRate"/>, <see cref="LearningRateStepFactor"/> and
    /// <see cref="LearningRateStepEpochs"/> are not used. The notebook's full-batch schedule, for
    /// example, is <c>BatchSize = 0</c> with phases (e₁, 0.05), (e₂, 0.01), (e₃, 0.001).
    /// </summary>
    /// <remarks>The phases are copied, so the options stay immutable. When set, 1 to 1000 phases,
    /// each of 1 to 100000 epochs at a finite rate &gt; 0.</remarks>
    public IReadOnlyList<LearningRatePhase>? LearningRateSchedule
    {
        get => _scheduleView;
        init
        {
            _schedule = value is null ? null : CheckSchedule(value);
            _scheduleView = _schedule is null ? null : Array.AsReadOnly(_schedule);
        }
    }

    /// <summary>Decoupled weight decay (AdamW), ≥ 0: every step multiplies a parameter it updates by 1 − lr·wd.</summary>
    public float WeightDecay { get; init => field = OptionGuard.NonNegative(value, nameof(WeightDecay)); } = 0.05f;

    /// <summary>
    /// L2 regularization λ of the embeddings and the biases, ≥ 0, added to each rating's loss as
    /// λ·(‖e_u‖² + ‖e_i‖² + b_u² + b_i²), so frequent users and items are held back as often as they
    /// are seen (as in Funk's SVD). Unlike <see cref="WeightDecay"/> it goes through Adam's scaling.
    /// </summary>
    public float EmbeddingRegularization { get; init => field = OptionGuard.NonNegative(value, nameof(EmbeddingRegularization)); } = 0.1f;

    /// <summary>Adam's first-moment decay β1, in [0, 1).</summary>
    public float Beta1 { get; init => field = OptionGuard.HalfOpenUnitInterval(value, nameof(Beta1)); } = 0.9f;

    /// <summary>Adam's second-moment decay β2, in [0, 1).</summary>
    public float Beta2 { get; init => field = OptionGuard.HalfOpenUnitInterval(value, nameof(Beta2)); } = 0.999f;

    /// <summary>The standard deviation of the normal initialization of the embeddings, &gt; 0.</summary>
    public float EmbeddingScale { get; init => field = OptionGuard.Positive(value, nameof(EmbeddingScale)); } = 0.05f;

    /// <summary>The random seed; the same seed gives a bit-identical model for any thread count.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Worker threads, in [0, 1024]; 0 means one per processor.</summary>
    public int Threads { get; init => field = OptionGuard.InRange(value, 0, 1024, nameof(Threads)); }

    /// <summary>The thread count actually used.</summary>
    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <inheritdoc/>
    public bool Equals(NeuralOptions? other) =>
        other is not null
        && UserEmbeddingLength == other.UserEmbeddingLength && ItemEmbeddingLength == other.ItemEmbeddingLength
        && _hiddenLayers.AsSpan().SequenceEqual(other._hiddenLayers)
        && Dropout == other.Dropout && UseBiases == other.UseBiases && SquashOutput == other.SquashOutput
        && OutputMargin == other.OutputMargin && BatchSize == other.BatchSize && Epochs == other.Epochs
        && LearningRate == other.LearningRate && LearningRateStepFactor == other.LearningRateStepFactor
        && LearningRateStepEpochs == other.LearningRateStepEpochs
        && (_schedule is null ? other._schedule is null : other._schedule is not null && _schedule.AsSpan().SequenceEqual(other._schedule))
        && WeightDecay == other.WeightDecay && EmbeddingRegularization == other.EmbeddingRegularization
        && Beta1 == other.Beta1 && Beta2 == other.Beta2 && EmbeddingScale == other.EmbeddingScale
        && Seed == other.Seed && Threads == other.Threads && EarlyStoppingPatience == other.EarlyStoppingPatience
        && ClipPredictions == other.ClipPredictions;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(UserEmbeddingLength, ItemEmbeddingLength, _hiddenLayers.Length, Dropout, BatchSize, Epochs, LearningRate, Seed);

    /// <summary><see cref="LearningRateSchedule"/> when set, otherwise <see cref="LearningRate"/> under step decay.</summary>
    internal override ILearningRateSchedule CreateSchedule() => _schedule is null
        ? new StepDecay(LearningRate, LearningRateStepFactor, LearningRateStepEpochs)
        : new PhasedSchedule(_schedule);

    private static int[] CheckHiddenLayers(IReadOnlyList<int> value)
    {
        int[] widths = [.. value ?? throw new ArgumentNullException(nameof(HiddenLayers))];
        OptionGuard.InRange(widths.Length, 0, 8, nameof(HiddenLayers) + ".Count");
        foreach (int width in widths)
        {
            OptionGuard.InRange(width, 1, 1024, nameof(HiddenLayers));
        }

        return widths;
    }

    private static LearningRatePhase[] CheckSchedule(IReadOnlyList<LearningRatePhase> value)
    {
        LearningRatePhase[] phases = [.. value];
        OptionGuard.InRange(phases.Length, 1, 1000, nameof(LearningRateSchedule) + ".Count");
        foreach (LearningRatePhase phase in phases)
        {
            OptionGuard.InRange(phase.Epochs, 1, 100_000, nameof(LearningRateSchedule) + ".Epochs");
            OptionGuard.Positive(phase.LearningRate, nameof(LearningRateSchedule) + ".LearningRate");
        }

        return phases;
    }
}
