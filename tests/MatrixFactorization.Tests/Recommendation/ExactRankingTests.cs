using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Tests.Recommendation;

/// <summary>
/// Ranking scans a bfloat16 copy of the item factors and rescores the candidates exactly. These
/// items differ by far less than that copy can resolve, so only the rescoring can order them.
/// </summary>
public sealed class ExactRankingTests
{
    private const int Items = 3000;
    private const int Factors = 64;

    [Fact]
    public void Near_ties_finer_than_the_compact_copy_are_ranked_as_the_model_predicts()
    {
        MatrixFactorizationModel model = NearTies(seed: 11);
        var recommender = new Recommender(model);
        for (int user = 0; user < 3; user++)
        {
            ScoredItem[] top = recommender.RecommendByIndex(user, 25);

            top.Select(r => r.Index).Should().Equal(RecommendationFixture.BruteForceTop(model, user, 25, new HashSet<int>()), $"user {user}");
            top.Should().OnlyContain(r => r.Score == model.WithClipping(false).PredictByIndex(user, r.Index).Value);
        }
    }

    [Fact]
    public void Batch_recommendation_agrees_with_single_recommendation_on_near_ties()
    {
        MatrixFactorizationModel model = NearTies(seed: 12);
        var recommender = new Recommender(model);

        ScoredItem[][] batch = recommender.RecommendManyByIndex([0, 1, 2], 25);

        for (int user = 0; user < 3; user++)
        {
            batch[user].Should().Equal(recommender.RecommendByIndex(user, 25), $"user {user}");
        }
    }

    [Fact]
    public void A_filter_that_rejects_most_items_still_gives_the_exact_top()
    {
        MatrixFactorizationModel model = NearTies(seed: 13);
        var recommender = new Recommender(model);

        ScoredItem[] top = recommender.RecommendByIndex(1, 10, filter: i => i % 97 == 0);

        top.Select(r => r.Index).Should().Equal(RecommendationFixture.BruteForceTop(model, 1, 10, new HashSet<int>(), i => i % 97 == 0));
    }

    // Every item is one shared vector plus a tiny step along another, so exact scores are all
    // distinct and spaced about 1e-5 apart, while the compact copy's error is about 1e-1.
    private static MatrixFactorizationModel NearTies(int seed)
    {
        var random = new Random(seed);
        float[] shared = Vector(random);
        float[] step = Vector(random);
        int[] order = Enumerable.Range(0, Items).OrderBy(_ => random.Next()).ToArray();
        var items = new FactorMatrix(Items, Factors);
        for (int i = 0; i < Items; i++)
        {
            Span<float> row = items.Row(i);
            for (int f = 0; f < Factors; f++)
            {
                row[f] = shared[f] + (order[i] * 1e-5f * step[f]);
            }
        }

        var users = new FactorMatrix(3, Factors);
        for (int u = 0; u < users.Rows; u++)
        {
            Vector(random).CopyTo(users.Row(u));
        }

        var userIds = new IdMap(IdKind.Integer);
        var itemIds = new IdMap(IdKind.Integer);
        for (int u = 0; u < users.Rows; u++)
        {
            userIds.GetOrAdd(u + 1);
        }

        for (int i = 0; i < Items; i++)
        {
            itemIds.GetOrAdd(i + 1);
        }

        var domain = new TrainingDomain(
            userIds, itemIds, new RatingScale(0.5f, 5f, 0.5f), 3.5f, Enumerable.Repeat(true, users.Rows).ToArray(), Enumerable.Repeat(true, Items).ToArray());
        return new MatrixFactorizationModel(domain, users, items, clipPredictions: true);
    }

    private static float[] Vector(Random random) => Enumerable.Range(0, Factors).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
}
