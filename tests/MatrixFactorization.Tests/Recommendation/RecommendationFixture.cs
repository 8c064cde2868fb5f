using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Recommendation;

/// <summary>Small trained models shared by the recommendation tests.</summary>
internal static class RecommendationFixture
{
    private static readonly Lazy<(RatingStore Train, RatingStore Test)> LazyHalves =
        new(() => TestRatings.Split(TestRatings.LowRank(), 0.2, seed: 5));

    private static readonly Lazy<BiasedMatrixFactorizationModel> LazyBiased = new(() =>
        new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { FactorCount = 8, Epochs = 30, Threads = 1 }).Fit(Train));

    private static readonly Lazy<MatrixFactorizationModel> LazyPlain = new(() =>
        new MatrixFactorizationTrainer(new MatrixFactorizationOptions { FactorCount = 8, Epochs = 30, Threads = 1 }).Fit(Train));

    private static readonly Lazy<NeuralModel> LazyNeural = new(() =>
        new NeuralTrainer(new NeuralOptions { UserEmbeddingLength = 8, ItemEmbeddingLength = 8, Epochs = 5, Threads = 1 }).Fit(Train));

    private static readonly Lazy<BaselineModel> LazyBaseline = new(() => new BaselineTrainer().Fit(Train));

    public static RatingStore Train => LazyHalves.Value.Train;

    public static RatingStore Test => LazyHalves.Value.Test;

    public static BiasedMatrixFactorizationModel Biased => LazyBiased.Value;

    public static MatrixFactorizationModel Plain => LazyPlain.Value;

    public static BaselineModel Baseline => LazyBaseline.Value;

    public static NeuralModel Neural => LazyNeural.Value;

    public static IRatingModel Model(string kind) => kind switch
    {
        "biased" => Biased,
        "plain" => Plain,
        "baseline" => Baseline,
        "neural" => Neural,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The expected top-N by brute force: every known item's unclipped prediction through the
    /// model's own Predict, minus exclusions, fully sorted by score then index.
    /// </summary>
    public static int[] BruteForceTop(IRatingModel model, int user, int count, ISet<int> excluded, Func<int, bool>? keep = null)
    {
        IRatingModel unclipped = model.WithClipping(false);
        var known = (RatingModel)model;
        return Enumerable.Range(0, model.Items.Count)
            .Where(i => known.IsKnownItem(i) && !excluded.Contains(i) && (keep is null || keep(i)))
            .Select(i => (Item: i, Score: unclipped.PredictByIndex(user, i).Value))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
            .Take(count)
            .Select(x => x.Item)
            .ToArray();
    }

    public static HashSet<int> RatedBy(RatingStore store, int user) => [.. store.GetUserRatings(user).Items.ToArray()];
}
