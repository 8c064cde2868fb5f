namespace MatrixFactorization.Persistence;

/// <summary>What a training run saw and reached, stored beside the model it made.</summary>
/// <param name="RatingCount">The ratings (or interactions) trained on.</param>
/// <param name="UserCount">The users with at least one of them.</param>
/// <param name="ItemCount">The items with at least one of them.</param>
/// <param name="EpochsRun">The epochs run; 0 for a trainer without epochs.</param>
public sealed record TrainingSummary(long RatingCount, int UserCount, int ItemCount, int EpochsRun)
{
    /// <summary>The training loss of the last epoch, in the trainer's own objective; null when unknown.</summary>
    public double? FinalTrainingLoss { get; init; }

    /// <summary>The model's score on held-out data; null when it was not scored.</summary>
    public double? ValidationScore { get; init; }

    /// <summary>What <see cref="ValidationScore"/> measures, such as <c>rmse</c> or <c>ndcg@10</c>; null when there is no score.</summary>
    public string? ValidationMetric { get; init; }
}
