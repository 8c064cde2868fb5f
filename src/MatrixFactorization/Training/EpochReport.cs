namespace MatrixFactorization.Training;

/// <summary>What one training epoch did.</summary>
/// <param name="Epoch">The 1-based epoch number.</param>
/// <param name="TrainingRmse">Root mean squared error on the training ratings: for SGD and the neural
/// model, from the errors seen during the epoch (each before its update, with dropout active); for
/// the baseline, of the biases after the pass.</param>
/// <param name="ValidationRmse">RMSE of the model's predictions on the validation set after the
/// epoch (fallbacks and clipping included, as the returned model scores them), or null without one.</param>
/// <param name="LearningRate">The learning rate used in the epoch; 0 for the baseline, which has none.</param>
/// <param name="Elapsed">Wall time of the epoch (validation excluded).</param>
/// <param name="UpdatesPerSecond">Training ratings visited per second over all threads.</param>
public sealed record EpochReport(
    int Epoch,
    double TrainingRmse,
    double? ValidationRmse,
    float LearningRate,
    TimeSpan Elapsed,
    double UpdatesPerSecond);
