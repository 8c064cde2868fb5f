using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// How <see cref="AutoTuner"/> searches: the size of the training sample it tunes on, the share of
/// the sample held out to score each trial, the seed of both draws, and the bounds on its trials.
/// Valid once made.
/// </summary>
public sealed record AutoTuneOptions
{
    /// <summary>The most ratings the tuning sample holds, at least 1,000 (default 2,000,000). Whole
    /// users are drawn in a seeded order until the next would not fit, so every sampled user keeps
    /// all of its training ratings; data at or under the cap is used whole.</summary>
    public int MaxSampleRatings { get; init => field = OptionGuard.InRange(value, 1_000, int.MaxValue, nameof(MaxSampleRatings)); } = 2_000_000;

    /// <summary>The share of each sampled user's ratings held out to score the trials, in (0, 0.5] (default 0.1).</summary>
    public double ValidationFraction { get; init => field = OptionGuard.InRange(value, double.Epsilon, 0.5, nameof(ValidationFraction)); } = 0.1;

    /// <summary>The seed of the user order and of the held-out ratings (default 42): the same seed,
    /// data and base options give the same trials and the same choice.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Epochs without a better validation RMSE after which a trial stops, at least 1 (default 2).</summary>
    public int Patience { get; init => field = OptionGuard.InRange(value, 1, 1_000, nameof(Patience)); } = 2;

    /// <summary>The most trials of one line search over a regularization, at least 3 (default 8).</summary>
    public int MaxTrialsPerSearch { get; init => field = OptionGuard.InRange(value, 3, 100, nameof(MaxTrialsPerSearch)); } = 8;
}
