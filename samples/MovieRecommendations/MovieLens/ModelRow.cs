using MatrixFactorization.Evaluation;

namespace MovieRecommendations.MovieLens;

/// <summary>One model's line in the comparison: what it predicts, how well it ranks, how long it trained.</summary>
/// <param name="Name">The model.</param>
/// <param name="Accuracy">Held-out rating error, for the models that predict ratings.</param>
/// <param name="Ranking">Held-out top-10 quality.</param>
/// <param name="FitTime">Training time (evaluation excluded).</param>
/// <param name="MinimumItemRatings">Items rated fewer times than this were left out of the model's lists.</param>
internal sealed record ModelRow(string Name, RatingAccuracy? Accuracy, RankingAccuracy Ranking, TimeSpan FitTime, int MinimumItemRatings);
