using MatrixFactorization.Foundation;
namespace MatrixFactorization.Training;

/// <summary>
/// The settings every trainer has: how many epochs to run, when to stop early and whether the
/// model clips its predictions. Like every options record here, immutable and valid once made:
/// each property rejects a bad value as it is set, with an <see cref="ArgumentOutOfRangeException"/>
/// naming the option, the value and its allowed range.
/// </summary>
public abstract record TrainerOptions
{
    private protected TrainerOptions()
    {
    }

    /// <summary>The most passes over the training data, in [1, 100000] (fewer with early stopping).</summary>
    public int Epochs { get; init => field = OptionGuard.InRange(value, 1, 100_000, nameof(Epochs)); } = 10;

    /// <summary>
    /// Epochs without validation improvement before training stops, in [0, 100000]; 0 (the default)
    /// turns early stopping off. Only used when a validation set is given; the best epoch's model is kept.
    /// </summary>
    public int EarlyStoppingPatience { get; init => field = OptionGuard.InRange(value, 0, 100_000, nameof(EarlyStoppingPatience)); }

    /// <summary>Whether the trained model clips predictions to the training rating scale.</summary>
    public bool ClipPredictions { get; init; } = true;

    /// <summary>Each epoch's learning rate.</summary>
    internal abstract ILearningRateSchedule CreateSchedule();

    /// <summary>The epochs, their learning rates and the patience, as the epoch loop runs them.</summary>
    internal EpochPlan CreatePlan() => new(Epochs, CreateSchedule(), EarlyStoppingPatience);
}
