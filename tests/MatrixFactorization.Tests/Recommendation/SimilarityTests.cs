using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Tests.Recommendation;

public sealed class SimilarityTests
{
    private const int Items = 300;
    private const int Users = 50;
    private const int K = 12;

    [Fact]
    public void Similar_items_find_the_near_duplicates_planted_in_the_factor_matrix()
    {
        // Random item vectors, then items 200..204 are copies of item 17 scaled and nudged:
        // near-duplicates in direction, which is what cosine similarity measures.
        var rng = new Random(3);
        MatrixFactorizationModel model = Planted(rng, (items, r) =>
        {
            for (int d = 0; d < 5; d++)
            {
                Span<float> copy = items.Row(200 + d);
                ReadOnlySpan<float> source = items.Row(17);
                for (int f = 0; f < K; f++)
                {
                    copy[f] = (source[f] * (1 + d)) + (float)((r.NextDouble() - 0.5) * 0.01);
                }
            }
        });

        ScoredItem[] similar = new Recommender(model).SimilarItemsByIndex(17, 5);
        similar.Select(s => s.Index).Should().BeEquivalentTo([200, 201, 202, 203, 204]);
        similar.Should().OnlyContain(s => s.Score > 0.99f);
        similar.Select(s => s.Score).Should().BeInDescendingOrder();
    }

    [Fact]
    public void Similar_items_and_users_equal_a_brute_force_cosine_ranking()
    {
        MatrixFactorizationModel model = Planted(new Random(9), (_, _) => { });
        var recommender = new Recommender(model);
        foreach (int item in new[] { 0, 5, 299 })
        {
            int[] expected = BruteForce(model.ItemFactors, item, 10);
            recommender.SimilarItemsByIndex(item, 10).Select(s => s.Index).Should().Equal(expected);
        }

        foreach (int user in new[] { 0, 49 })
        {
            int[] expected = BruteForce(model.UserFactors, user, 7);
            recommender.SimilarUsersByIndex(user, 7).Select(s => s.Index).Should().Equal(expected);
        }
    }

    [Fact]
    public void A_neural_model_finds_similar_items_and_users_by_its_embeddings()
    {
        NeuralModel model = RecommendationFixture.Neural;
        var recommender = new Recommender(model);

        recommender.SimilarItemsByIndex(3, 10).Select(s => s.Index).Should().Equal(BruteForce(model.ItemEmbeddings, 3, 10));
        recommender.SimilarUsersByIndex(4, 6).Select(s => s.Index).Should().Equal(BruteForce(model.UserEmbeddings, 4, 6));
    }

    [Fact]
    public void The_baseline_has_no_factors_to_compare()
    {
        var recommender = new Recommender(RecommendationFixture.Baseline);
        FluentActions.Invoking(() => recommender.SimilarItemsByIndex(0, 5)).Should().Throw<NotSupportedException>();
    }

    private static int[] BruteForce(FactorMatrix rows, int query, int count)
    {
        double Cosine(int a, int b)
        {
            double dot = 0, na = 0, nb = 0;
            for (int f = 0; f < rows.Columns; f++)
            {
                dot += rows.Row(a)[f] * (double)rows.Row(b)[f];
                na += rows.Row(a)[f] * (double)rows.Row(a)[f];
                nb += rows.Row(b)[f] * (double)rows.Row(b)[f];
            }

            return dot / Math.Sqrt(na * nb);
        }

        return Enumerable.Range(0, rows.Rows).Where(i => i != query)
            .OrderByDescending(i => Cosine(query, i)).ThenBy(i => i).Take(count).ToArray();
    }

    private static MatrixFactorizationModel Planted(Random rng, Action<FactorMatrix, Random> plant)
    {
        var users = new FactorMatrix(Users, K);
        var items = new FactorMatrix(Items, K);
        foreach (FactorMatrix m in new[] { users, items })
        {
            for (int r = 0; r < m.Rows; r++)
            {
                for (int f = 0; f < K; f++)
                {
                    m.Row(r)[f] = (float)((rng.NextDouble() * 2) - 1);
                }
            }
        }

        plant(items, rng);
        var userIds = new IdMap(IdKind.Integer);
        var itemIds = new IdMap(IdKind.Integer);
        for (int u = 0; u < Users; u++)
        {
            userIds.GetOrAdd(100 + u);
        }

        for (int i = 0; i < Items; i++)
        {
            itemIds.GetOrAdd(5000 + i);
        }

        var domain = new TrainingDomain(
            userIds, itemIds, new RatingScale(1, 5), 3f, Enumerable.Repeat(true, Users).ToArray(), Enumerable.Repeat(true, Items).ToArray());
        return new MatrixFactorizationModel(domain, users, items, clipPredictions: true);
    }
}
