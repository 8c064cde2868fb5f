using MatrixFactorization.Evaluation;

namespace MatrixFactorization.Training;

/// <summary>What one training epoch did.</summary>
/// <param name="Epoch">The 1-based epoch number.</param>
/// <param name="TrainingLoss">The root of the mean loss per training example, in the model's own
/// objective: for the rating models the RMSE on the training ratings (for SGD and the neural model
/// from the errors seen during the epoch, each before its update, with dropout active; for the
/// baseline of the biases after the pass); each ranking trainer documents its own.</param>
/// <param name="ValidationScore">The model scored on the validation set after the epoch by
/// <paramref name="ValidationMetric"/>, as the returned model would be, or null without a validation set.</param>
/// <param name="ValidationMetric">What <paramref name="ValidationScore"/> measures: <see cref="Metric.Rmse"/>
/// of the predictions (fallbacks and clipping included) for a rating model, <see cref="Metric.Ndcg"/> at 10
/// over every item the user has not trained on, a held-out rating ≥ 4 being relevant, for any other model.</param>
/// <param name="LearningRate">The learning rate used in the epoch; 0 for trainers without one.</param>
/// <param name="Elapsed">Wall time of the epoch (validation excluded).</param>
/// <param name="UpdatesPerSecond">Training examples visited per second over all threads.</param>
public sealed record EpochReport(
    int Epoch,
    double TrainingLoss,
    double? ValidationScore,
    Metric ValidationMetric,
    float LearningRate,
    TimeSpan Elapsed,
    double UpdatesPerSecond);
