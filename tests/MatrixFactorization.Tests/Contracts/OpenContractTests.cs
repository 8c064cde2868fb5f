using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Data;

namespace MatrixFactorization.Tests.Contracts;

/// <summary>
/// A model defined here, outside the library, through the public contracts alone, is ranked,
/// evaluated, cross-validated, saved and loaded like the library's own models.
/// </summary>
public sealed class OpenContractTests
{
    private static readonly Lazy<RatingSplit> s_split = new(() =>
        RatingSplitter.Holdout(RatingReader.Read(BundledData.Ratings).Store, new HoldoutOptions { Seed = 7 }));

    private static RatingStore Train => s_split.Value.Train;

    private static RatingStore Test => s_split.Value.Test;

    [Fact]
    public void The_recommender_ranks_a_model_it_has_never_seen_and_leaves_out_rated_items()
    {
        InteractionCountModel model = InteractionCountModel.Fit(Train);
        var recommender = new Recommender(model, Train);
        string userId = Train.Users.GetId(0);
        ScoredItem[] top = recommender.Recommend(userId, 10);

        // Expected: count every item's training ratings independently, drop what user 0 rated, sort.
        var rated = new HashSet<int>(Train.GetUserRatings(0).Items.ToArray());
        var counts = new Dictionary<int, int>();
        for (int u = 0; u < Train.UserCount; u++)
        {
            foreach (int item in Train.GetUserRatings(u).Items)
            {
                counts[item] = counts.GetValueOrDefault(item) + 1;
            }
        }

        int[] expected = counts.Where(c => !rated.Contains(c.Key))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(10).Select(c => c.Key).ToArray();
        top.Select(t => t.Index).Should().Equal(expected);
        top.Select(t => t.Score).Should().Equal(expected.Select(i => (float)counts[i]));
        recommender.Recommend(Train.Users.GetInt64Id(0), 10).Should().Equal(top);
        recommender.RecommendByIndex(0, 10).Should().Equal(top);
    }

    [Fact]
    public void Ranking_metrics_score_it_and_a_popularity_count_gives_the_known_ndcg()
    {
        // The published figure for a popularity count on this split (seed 7, 80/20 holdout of the
        // bundled ml-latest-small): NDCG@10 0.164, precision@10 0.120, over every unrated item.
        RankingAccuracy accuracy = RankingMetrics.Evaluate(new Recommender(InteractionCountModel.Fit(Train), Train), Test);
        accuracy.Ndcg.Should().BeApproximately(0.164, 0.002);
        accuracy.Precision.Should().BeApproximately(0.120, 0.002);
    }

    [Fact]
    public void Cross_validation_measures_ranking_only_for_a_model_without_ratings()
    {
        CrossValidationResult result = CrossValidation.Run(
            Train, InteractionCountModel.Fit, new CrossValidationOptions { Folds = 3, Ranking = new RankingOptions { K = 10 } });
        result.Folds.Should().HaveCount(3);
        result.Folds.Should().OnlyContain(f => f.Accuracy == null && f.Ranking != null);
        result.Metrics.Select(m => m.Metric).Should().NotContain([Metric.Rmse, Metric.Mae]);
        result.Get(Metric.Ndcg).Mean.Should().BeGreaterThan(0.05);
    }

    [Fact]
    public void A_registered_codec_saves_and_loads_the_model()
    {
        InteractionCountModel model = InteractionCountModel.Fit(Train);
        ModelSerializer.Register(new InteractionCountCodec());
        ModelSerializer.Register(new InteractionCountCodec()); // registering again is harmless
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        stream.Position = 0;
        InteractionCountModel loaded = ModelSerializer.Load(stream).Should().BeOfType<InteractionCountModel>().Which;
        loaded.Counts.ToArray().Should().Equal(model.Counts.ToArray());
        loaded.Items.Count.Should().Be(model.Items.Count);
        new Recommender(loaded, Train).Recommend("1", 10).Should().Equal(new Recommender(model, Train).Recommend("1", 10));
    }

    [Fact]
    public void A_model_without_a_codec_is_refused_by_name()
    {
        var model = new UnsavableModel(InteractionCountModel.Fit(Train));
        FluentActions.Invoking(() => ModelSerializer.Save(model, new MemoryStream()))
            .Should().Throw<NotSupportedException>().WithMessage("*UnsavableModel*Register*");
        ModelSerializer.CanSave(model).Should().BeFalse();
        ModelSerializer.Register(new InteractionCountCodec());
        ModelSerializer.CanSave(InteractionCountModel.Fit(Train)).Should().BeTrue();
    }

    [Fact]
    public void Similarity_and_fold_in_need_the_capability_and_say_so()
    {
        var recommender = new Recommender(InteractionCountModel.Fit(Train));
        FluentActions.Invoking(() => recommender.SimilarItems("1", 5))
            .Should().Throw<NotSupportedException>().WithMessage("*IEmbeddingModel*");
    }

    /// <summary>A model type no codec is registered for.</summary>
    private sealed class UnsavableModel(IScoringModel inner) : IScoringModel
    {
        public IdMap Users => inner.Users;

        public IdMap Items => inner.Items;

        public bool IsKnownUser(int userIndex) => inner.IsKnownUser(userIndex);

        public bool IsKnownItem(int itemIndex) => inner.IsKnownItem(itemIndex);

        public void ScoreItems(int userIndex, Span<float> scores) => inner.ScoreItems(userIndex, scores);

        public void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores) => inner.ScoreItems(userIndex, itemIndices, scores);
    }
}
