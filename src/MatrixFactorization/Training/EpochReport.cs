namespace MatrixFactorization.Training;

/// <summary>What one training epoch did.</summary>
/// <param name="Epoch">The 1-based epoch number.</param>
/// <param name="TrainingRmse">Root mean squared error on the training ratings, from the errors seen during the epoch.</param>
/// <param name="ValidationRmse">RMSE on the validation set after the epoch, or null without one.</param>
/// <param name="LearningRate">The learning rate used in the epoch.</param>
/// <param name="Elapsed">Wall time of the epoch (validation excluded).</param>
/// <param name="UpdatesPerSecond">SGD updates per second over all threads.</param>
public sealed record EpochReport(
    int Epoch,
    double TrainingRmse,
    double? ValidationRmse,
    float LearningRate,
    TimeSpan Elapsed,
    double UpdatesPerSecond);
