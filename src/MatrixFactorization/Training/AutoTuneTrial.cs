namespace MatrixFactorization.Training;

/// <summary>
/// One trial of an <see cref="AutoTuner"/> search: the options trained on the tuning sample, the
/// lowest validation RMSE reached and the epoch that reached it.
/// </summary>
/// <param name="Options">The options of the trial, with the cap on epochs it ran under.</param>
/// <param name="ValidationRmse">The lowest RMSE on the held-out part of the sample; positive infinity when training diverged.</param>
/// <param name="BestEpoch">The 1-based epoch of that RMSE; 0 when training diverged.</param>
public sealed record AutoTuneTrial(TrainerOptions Options, double ValidationRmse, int BestEpoch);
