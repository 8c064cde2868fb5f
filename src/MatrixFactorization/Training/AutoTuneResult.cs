namespace MatrixFactorization.Training;

/// <summary>
/// What an <see cref="AutoTuner"/> search chose and what it tried, with the sizes of the sample it
/// tuned on.
/// </summary>
/// <typeparam name="TOptions">The trainer's options.</typeparam>
/// <param name="Chosen">The options to train on the full training data.</param>
/// <param name="Best">The trial the choice was made from.</param>
/// <param name="Trials">Every trial, in the order run.</param>
/// <param name="SampleUsers">Users in the tuning sample.</param>
/// <param name="FitRatings">Sample ratings the trials trained on.</param>
/// <param name="ValidationRatings">Sample ratings held out to score them.</param>
public sealed record AutoTuneResult<TOptions>(
    TOptions Chosen,
    AutoTuneTrial Best,
    IReadOnlyList<AutoTuneTrial> Trials,
    int SampleUsers,
    int FitRatings,
    int ValidationRatings)
    where TOptions : TrainerOptions;
