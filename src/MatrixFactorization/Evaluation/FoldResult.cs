namespace MatrixFactorization.Evaluation;

/// <summary>What one cross-validation fold measured.</summary>
/// <param name="Repeat">The repetition, from 0.</param>
/// <param name="Fold">The fold within the repetition, from 0.</param>
/// <param name="Accuracy">Rating errors on the held-out fold; null when the model does not predict ratings.</param>
/// <param name="Ranking">Ranking metrics on the held-out fold, when asked for.</param>
/// <param name="FitTime">Wall-clock time to train on the other folds.</param>
public sealed record FoldResult(int Repeat, int Fold, RatingAccuracy? Accuracy, RankingAccuracy? Ranking, TimeSpan FitTime);
