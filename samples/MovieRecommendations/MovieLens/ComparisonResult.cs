using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MovieRecommendations.MovieLens;

/// <summary>The comparison's rows, the biased model's learning curve, and the two models trained on every rating.</summary>
internal sealed record ComparisonResult(IReadOnlyList<ModelRow> Rows, IReadOnlyList<EpochReport> Curve, BiasedMatrixFactorizationModel Biased, EaseModel Ease);
