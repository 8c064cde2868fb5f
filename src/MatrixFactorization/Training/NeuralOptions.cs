using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// Settings for the neural collaborative-filtering model (<see cref="Models.NeuralModel"/>): user and
/// item embeddings, concatenated, through ReLU and dropout into a stack of ReLU layers and a linear
/// output, trained by Adam with decoupled weight decay. Immutable; <see cref="Validate"/> (called by
/// the trainer) rejects a bad value naming the option and its allowed range.
/// </summary>
/// <remarks>
/// The defaults were chosen on the MovieLens notebook split's training file alone: a seeded 80/20
/// split of it, training on 80% and comparing the RMSE on the other 20% over embedding sizes,
/// widths, dropout, regularization, learning rates and schedules (the split's validation file was
/// never used for choosing). The notebook's own shape (100 + 100 embeddings, 10 hidden units,
/// dropout 0.1) overfits there; 64 + 64, 32 hidden units, dropout 0.5 and λ = 0.1 generalized best.
/// </remarks>
public sealed record NeuralOptions
{
    private readonly int[] _hiddenLayers = [32];
    private readonly LearningRatePhase[]? _schedule;
    private readonly IReadOnlyList<LearningRatePhase>? _scheduleView;

    /// <summary>The length of a user embedding, in [1, 1024].</summary>
    public int UserFactors { get; init; } = 64;

    /// <summary>The length of an item embedding, in [1, 1024].</summary>
    public int ItemFactors { get; init; } = 64;

    /// <summary>The widths of the hidden ReLU layers, input side first; each in [1, 1024], at most 8
    /// layers. Empty means the output layer reads the embeddings directly.</summary>
    public IReadOnlyList<int> HiddenLayers
    {
        get => _hiddenLayers;
        init => _hiddenLayers = [.. value ?? throw new ArgumentNullException(nameof(HiddenLayers))];
    }

    /// <summary>The probability of zeroing an input of the first layer during training, in [0, 1).</summary>
    public float Dropout { get; init; } = 0.5f;

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
    public float OutputMargin { get; init; } = 0.5f;

    /// <summary>Ratings per Adam step, in [0, 2^30]; 0 means full batch (one step per epoch, as in the notebook).</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>The maximum number of passes over the training data, in [1, 100000].</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>The initial Adam learning rate, &gt; 0.</summary>
    public float LearningRate { get; init; } = 0.003f;

    /// <summary>The factor the learning rate is multiplied by every <see cref="LearningRateDecayEpochs"/> epochs, in (0, 1].</summary>
    public float LearningRateDecay { get; init; } = 0.3f;

    /// <summary>Epochs between learning-rate decays (step decay), in [0, 100000]; 0 keeps the rate constant.</summary>
    public int LearningRateDecayEpochs { get; init; } = 5;

    /// <summary>
    /// An explicit learning-rate schedule, or null (the default) for <see cref="LearningRate"/> with
    /// step decay. The phases run in order, each for its number of epochs; epochs past the last
    /// phase keep its rate, and training still stops after <see cref="Epochs"/>. When set,
    /// <see cref="LearningRate"/>, <see cref="LearningRateDecay"/> and
    /// <see cref="LearningRateDecayEpochs"/> are not used. The notebook's full-batch schedule, for
    /// example, is <c>BatchSize = 0</c> with phases (e₁, 0.05), (e₂, 0.01), (e₃, 0.001).
    /// </summary>
    /// <remarks>The phases are copied, so the options stay immutable. At most 1000 phases, and at
    /// least one when set.</remarks>
    public IReadOnlyList<LearningRatePhase>? LearningRateSchedule
    {
        get => _scheduleView;
        init
        {
            _schedule = value is null ? null : [.. value];
            _scheduleView = _schedule is null ? null : Array.AsReadOnly(_schedule);
        }
    }

    /// <summary>Decoupled weight decay (AdamW), ≥ 0: every step multiplies a parameter it updates by 1 − lr·wd.</summary>
    public float WeightDecay { get; init; } = 0.05f;

    /// <summary>
    /// L2 regularization λ of the embeddings and the biases, ≥ 0, added to each rating's loss as
    /// λ·(‖e_u‖² + ‖e_i‖² + b_u² + b_i²), so frequent users and items are held back as often as they
    /// are seen (as in Funk's SVD). Unlike <see cref="WeightDecay"/> it goes through Adam's scaling.
    /// </summary>
    public float EmbeddingRegularization { get; init; } = 0.1f;

    /// <summary>Adam's first-moment decay β1, in [0, 1).</summary>
    public float Beta1 { get; init; } = 0.9f;

    /// <summary>Adam's second-moment decay β2, in [0, 1).</summary>
    public float Beta2 { get; init; } = 0.999f;

    /// <summary>The standard deviation of the normal initialization of the embeddings, &gt; 0.</summary>
    public float EmbeddingScale { get; init; } = 0.05f;

    /// <summary>The random seed; the same seed gives a bit-identical model for any thread count.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads, in [0, 1024]; 0 means one per processor.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Epochs without validation improvement before training stops, in [0, 100000]; 0 turns early
    /// stopping off. Only used when a validation set is given; the best epoch's model is kept.
    /// </summary>
    public int EarlyStoppingPatience { get; init; }

    /// <summary>Whether the trained model clips predictions to the training rating scale.</summary>
    public bool ClipPredictions { get; init; } = true;

    /// <summary>The thread count actually used.</summary>
    public int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad option.</summary>
    public void Validate()
    {
        OptionGuard.InRange(UserFactors, 1, 1024, nameof(UserFactors));
        OptionGuard.InRange(ItemFactors, 1, 1024, nameof(ItemFactors));
        OptionGuard.InRange(_hiddenLayers.Length, 0, 8, nameof(HiddenLayers) + ".Count");
        foreach (int width in _hiddenLayers)
        {
            OptionGuard.InRange(width, 1, 1024, nameof(HiddenLayers));
        }

        if (!(Dropout >= 0f && Dropout < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
        }

        OptionGuard.NonNegative(OutputMargin, nameof(OutputMargin));
        OptionGuard.InRange(BatchSize, 0, 1 << 30, nameof(BatchSize));
        OptionGuard.InRange(Epochs, 1, 100_000, nameof(Epochs));
        OptionGuard.Positive(LearningRate, nameof(LearningRate));
        OptionGuard.UnitInterval(LearningRateDecay, nameof(LearningRateDecay));
        OptionGuard.InRange(LearningRateDecayEpochs, 0, 100_000, nameof(LearningRateDecayEpochs));
        if (_schedule is not null)
        {
            OptionGuard.InRange(_schedule.Length, 1, 1000, nameof(LearningRateSchedule) + ".Count");
            foreach (LearningRatePhase phase in _schedule)
            {
                OptionGuard.InRange(phase.Epochs, 1, 100_000, nameof(LearningRateSchedule) + ".Epochs");
                OptionGuard.Positive(phase.LearningRate, nameof(LearningRateSchedule) + ".LearningRate");
            }
        }

        OptionGuard.NonNegative(WeightDecay, nameof(WeightDecay));
        OptionGuard.NonNegative(EmbeddingRegularization, nameof(EmbeddingRegularization));
        if (!(Beta1 >= 0f && Beta1 < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "Beta1 must be in [0, 1).");
        }

        if (!(Beta2 >= 0f && Beta2 < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "Beta2 must be in [0, 1).");
        }

        OptionGuard.Positive(EmbeddingScale, nameof(EmbeddingScale));
        OptionGuard.InRange(Threads, 0, 1024, nameof(Threads));
        OptionGuard.InRange(EarlyStoppingPatience, 0, 100_000, nameof(EarlyStoppingPatience));
    }

    /// <summary>The learning rate of a 1-based epoch: from <see cref="LearningRateSchedule"/> when
    /// set, otherwise under step decay.</summary>
    /// <param name="epoch">The 1-based epoch.</param>
    /// <returns>The learning rate.</returns>
    public float LearningRateAt(int epoch)
    {
        if (_schedule is not null)
        {
            int end = 0;
            foreach (LearningRatePhase phase in _schedule)
            {
                end += phase.Epochs;
                if (epoch <= end)
                {
                    return phase.LearningRate;
                }
            }

            return _schedule[^1].LearningRate;
        }

        return LearningRateDecayEpochs == 0
            ? LearningRate
            : LearningRate * MathF.Pow(LearningRateDecay, (epoch - 1) / LearningRateDecayEpochs);
    }

    /// <inheritdoc/>
    public bool Equals(NeuralOptions? other) =>
        other is not null
        && UserFactors == other.UserFactors && ItemFactors == other.ItemFactors
        && _hiddenLayers.AsSpan().SequenceEqual(other._hiddenLayers)
        && Dropout == other.Dropout && UseBiases == other.UseBiases && SquashOutput == other.SquashOutput
        && OutputMargin == other.OutputMargin && BatchSize == other.BatchSize && Epochs == other.Epochs
        && LearningRate == other.LearningRate && LearningRateDecay == other.LearningRateDecay
        && LearningRateDecayEpochs == other.LearningRateDecayEpochs
        && (_schedule is null ? other._schedule is null : other._schedule is not null && _schedule.AsSpan().SequenceEqual(other._schedule))
        && WeightDecay == other.WeightDecay && EmbeddingRegularization == other.EmbeddingRegularization
        && Beta1 == other.Beta1 && Beta2 == other.Beta2 && EmbeddingScale == other.EmbeddingScale
        && Seed == other.Seed && Threads == other.Threads && EarlyStoppingPatience == other.EarlyStoppingPatience
        && ClipPredictions == other.ClipPredictions;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(UserFactors, ItemFactors, _hiddenLayers.Length, Dropout, BatchSize, Epochs, LearningRate, Seed);
}
