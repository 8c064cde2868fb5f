using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Tests.Evaluation;

public sealed class RankingMetricsTests
{
    [Fact]
    public void One_list_scores_match_a_hand_computation()
    {
        // Hits at ranks 2 and 4 of 5; four relevant items, one of which cannot be recommended.
        ListScores s = ListScores.Compute([5, 1, 7, 3, 9], [1, 3, 8], relevantCount: 4, k: 5);
        s.Precision.Should().BeApproximately(0.4, 1e-12);
        s.Recall.Should().BeApproximately(0.5, 1e-12);

        // DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/2 + 1/log2(5).
        s.Ndcg.Should().BeApproximately(0.4144299250118475, 1e-12);

        // AP = (P@2 + P@4) / min(4, 5) = (1/2 + 2/4) / 4.
        s.AveragePrecision.Should().BeApproximately(0.25, 1e-12);
        s.Hit.Should().Be(1);
        s.ReciprocalRank.Should().BeApproximately(0.5, 1e-12);
    }

    [Fact]
    public void A_list_without_hits_scores_zero_and_a_short_list_is_still_divided_by_k()
    {
        ListScores miss = ListScores.Compute([1, 2], [3], relevantCount: 1, k: 3);
        miss.Should().Be(new ListScores(0, 0, 0, 0, 0, 0));

        ListScores shortList = ListScores.Compute([3], [3], relevantCount: 1, k: 4);
        shortList.Precision.Should().BeApproximately(0.25, 1e-12);
        shortList.Ndcg.Should().BeApproximately(1, 1e-12);
        shortList.AveragePrecision.Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Evaluation_averages_over_users_with_relevant_items_and_reports_coverage()
    {
        // A baseline whose item biases rank items 3, 1, 4, 0, 5, 2 for everyone.
        float[] itemBiases = [0.1f, 0.5f, -0.5f, 0.9f, 0.3f, 0f];
        BaselineModel model = Baseline(users: [1, 2, 3], items: [100, 101, 102, 103, 104, 105], itemBiases);

        var train = new RatingStoreBuilder();
        train.Add(1, 103, 4f); // user 1 rated item 3 → excluded from their list
        train.Add(2, 105, 3f); // user 2 rated item 5
        var test = new RatingStoreBuilder();
        test.Add(1, 101, 5f);   // relevant
        test.Add(1, 102, 4.5f); // relevant, ranked last
        test.Add(1, 100, 2f);   // below the threshold
        test.Add(2, 104, 4f);   // relevant, not in user 2's top 2
        test.Add(3, 100, 3f);   // user 3: nothing relevant → not evaluated
        test.Add(4, 103, 5f);   // user 4: unknown to the model → cold start

        RankingAccuracy a = RankingMetrics.Evaluate(
            new Recommender(model, train.Build()), test.Build(), new RankingOptions { K = 2, RelevanceThreshold = 4f, Threads = 1 });

        // Lists: user 1 [1, 4] (hit at 1 of 2 relevant); user 2 [3, 1] (miss); user 4 [3, 1] (hit at 1 of 1).
        a.UsersEvaluated.Should().Be(3);
        a.ColdStartUsers.Should().Be(1);
        a.Precision.Should().BeApproximately((0.5 + 0 + 0.5) / 3, 1e-12);
        a.Recall.Should().BeApproximately((0.5 + 0 + 1) / 3, 1e-12);
        a.Ndcg.Should().BeApproximately(0.5377157309218195, 1e-12); // (1/(1 + 1/log2 3) + 0 + 1) / 3
        a.MeanAveragePrecision.Should().BeApproximately((0.5 + 0 + 1) / 3, 1e-12);
        a.HitRate.Should().BeApproximately(2.0 / 3, 1e-12);
        a.MeanReciprocalRank.Should().BeApproximately(2.0 / 3, 1e-12);
        a.CatalogCoverage.Should().BeApproximately(3.0 / 6, 1e-12); // items 1, 4, 3 of 6
    }

    private static BaselineModel Baseline(long[] users, long[] items, float[] itemBiases)
    {
        var userIds = new IdMap(IdKind.Integer);
        var itemIds = new IdMap(IdKind.Integer);
        foreach (long u in users)
        {
            userIds.GetOrAdd(u);
        }

        foreach (long i in items)
        {
            itemIds.GetOrAdd(i);
        }

        var domain = new TrainingDomain(
            userIds, itemIds, new RatingScale(1, 5), 3f, Enumerable.Repeat(true, users.Length).ToArray(), Enumerable.Repeat(true, items.Length).ToArray());
        return new BaselineModel(domain, new float[users.Length], itemBiases, clipPredictions: true);
    }
}
