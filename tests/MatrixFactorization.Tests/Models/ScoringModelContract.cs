using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Tests.Models;

/// <summary>
/// The behaviour every <see cref="IScoringModel"/> the library ships promises: scores for known
/// items, lists without what was trained on, cold start without NaN, reproducibility for any thread
/// count, a saved model that scores identically, and lists better than a popularity count on data
/// with a planted preference structure. A model's test class inherits this and says how to train.
/// </summary>
public abstract class ScoringModelContract
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 150, items: 90, density: 0.3, seed: 3);
    private static readonly (RatingStore Train, RatingStore Test) Halves = TestRatings.Split(Data, 0.2, seed: 7);

    /// <summary>The interactions the contract trains on (shared id maps with <see cref="Test"/>).</summary>
    protected static RatingStore TrainSet => Halves.Train;

    /// <summary>The held-out interactions.</summary>
    protected static RatingStore Test => Halves.Test;

    /// <summary>Trains the model under test.</summary>
    protected abstract IScoringModel Train(RatingStore train, ulong seed = 42, int threads = 1);

    /// <summary>Whether the seed changes the model (false for deterministic closed-form fits).</summary>
    protected virtual bool SeedMatters => true;

    /// <summary>Whether the model's lists depend on the user (false for the popularity count itself).</summary>
    protected virtual bool IsPersonal => true;

    [Fact]
    public void Every_known_item_gets_a_finite_score_and_the_list_overload_agrees()
    {
        IScoringModel model = Train(TrainSet);
        var all = new float[model.Items.Count];
        int[] users = [0, 1, 17, -1];
        foreach (int user in users)
        {
            model.ScoreItems(user, all);
            int[] known = Enumerable.Range(0, model.Items.Count).Where(model.IsKnownItem).ToArray();
            known.Should().NotBeEmpty();
            var some = new float[known.Length];
            model.ScoreItems(user, known, some);
            for (int k = 0; k < known.Length; k++)
            {
                float.IsFinite(all[known[k]]).Should().BeTrue($"user {user}, item {known[k]}");
                some[k].Should().Be(all[known[k]]);
            }
        }
    }

    [Fact]
    public void Lists_leave_out_trained_items_and_are_sorted()
    {
        IScoringModel model = Train(TrainSet);
        var recommender = new Recommender(model, TrainSet);
        for (int u = 0; u < 20; u++)
        {
            var trained = new HashSet<int>(TrainSet.GetUserRatings(u).Items.ToArray());
            ScoredItem[] top = recommender.RecommendByIndex(u, 10);
            top.Should().HaveCount(10);
            top.Select(t => t.Index).Should().NotIntersectWith(trained);
            top.Select(t => t.Score).Should().BeInDescendingOrder();
        }
    }

    [Fact]
    public void An_unknown_user_gets_a_cold_start_list()
    {
        IScoringModel model = Train(TrainSet);
        var recommender = new Recommender(model, TrainSet);
        ScoredItem[] cold = recommender.Recommend("no such user", 10);
        cold.Should().HaveCount(10);
        cold.Should().OnlyContain(t => float.IsFinite(t.Score));
    }

    [Fact]
    public void The_same_seed_gives_the_same_scores_for_one_two_and_three_threads()
    {
        float[] one = Scores(Train(TrainSet, seed: 9, threads: 1));
        Scores(Train(TrainSet, seed: 9, threads: 2)).Should().Equal(one);
        Scores(Train(TrainSet, seed: 9, threads: 3)).Should().Equal(one);
        if (SeedMatters)
        {
            Scores(Train(TrainSet, seed: 10, threads: 1)).Should().NotEqual(one);
        }
    }

    [Fact]
    public void A_saved_and_loaded_model_scores_identically()
    {
        IScoringModel model = Train(TrainSet);
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        stream.Position = 0;
        IScoringModel loaded = ModelSerializer.Load(stream);
        loaded.Should().BeOfType(model.GetType());
        Scores(loaded).Should().Equal(Scores(model));
    }

    [Fact]
    public void Lists_beat_a_popularity_count_on_planted_preferences()
    {
        if (!IsPersonal)
        {
            return;
        }

        // The planted data rates by user-item affinity, so a personal model must rank the held-out
        // high ratings above what is merely popular.
        IScoringModel model = Train(Relevant(TrainSet));
        double ours = RankingMetrics.Evaluate(new Recommender(model, TrainSet), Test).Ndcg;
        double popular = RankingMetrics.Evaluate(new Recommender(PopularityCount(TrainSet), TrainSet), Test).Ndcg;
        ours.Should().BeGreaterThan(popular);
    }

    /// <summary>The training interactions a ranking model learns from: ratings of 4 and above.</summary>
    protected static RatingStore Relevant(RatingStore store) =>
        store.Subset(Enumerable.Range(0, store.Count).Where(k => store.Values[k] >= 4).ToArray());

    private static float[] Scores(IScoringModel model)
    {
        var scores = new float[model.Items.Count * 3];
        model.ScoreItems(0, scores.AsSpan(0, model.Items.Count));
        model.ScoreItems(5, scores.AsSpan(model.Items.Count, model.Items.Count));
        model.ScoreItems(-1, scores.AsSpan(2 * model.Items.Count, model.Items.Count));
        return scores;
    }

    private static IScoringModel PopularityCount(RatingStore train) => Contracts.InteractionCountModel.Fit(train);
}
