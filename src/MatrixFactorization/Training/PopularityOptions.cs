namespace MatrixFactorization.Training;

/// <summary>
/// Settings of the popularity count. By default every training interaction counts 1; with a
/// half-life, an interaction counts 2^(−age / half-life), its age measured back from the newest
/// timestamp in the training data, so what is popular now outranks what was popular once.
/// </summary>
public sealed record PopularityOptions : TrainerOptions
{
    /// <summary>Creates the default settings: a plain count, one pass.</summary>
    public PopularityOptions() => Epochs = 1;

    /// <summary>
    /// The age at which an interaction counts half, or null (the default) for a plain count. Needs
    /// timestamps on every rating when set; positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The half-life is not positive.</exception>
    public TimeSpan? HalfLife
    {
        get;
        init => field = value is null || value.Value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(HalfLife), value, $"{nameof(HalfLife)} must be positive; got {value}.");
    }

    /// <inheritdoc/>
    internal override ILearningRateSchedule CreateSchedule() => new ConstantLearningRate(0f);
}
