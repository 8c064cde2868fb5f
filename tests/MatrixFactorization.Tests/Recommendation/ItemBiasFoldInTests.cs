using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;

namespace MatrixFactorization.Tests.Recommendation;

/// <summary>
/// Fold-in for a factor model whose scores have item biases but no user biases (BPR's shape):
/// the user gets no bias, the targets lose the item biases, and a folded-in item gets a bias.
/// </summary>
public sealed class ItemBiasFoldInTests
{
    private const int K = 6;
    private static readonly FoldInOptions Options = new() { FactorRegularization = 0.3f, BiasRegularization = 0.05f };
    private static readonly BprModel Model = RandomModel(seed: 3);

    // 15 ratings take the k×k path, 4 the dual n×n one.
    [Theory]
    [InlineData(15)]
    [InlineData(4)]
    public void A_user_solves_the_normal_equations_of_the_ratings_less_the_item_biases_with_no_bias(int count)
    {
        (int[] items, float[] ratings) = SomeRatings(count, seed: count);
        FoldedInUser user = new FoldInSolver(Model, Options).FoldInUserByIndex(items, ratings);

        var rows = items.Select(i => Model.ItemFactors.GetRow(i).ToArray().Select(v => (double)v).ToArray()).ToList();
        var targets = items.Select((i, j) => (double)ratings[j] - Model.ItemBiases[i]).ToList();
        double[] expected = NormalEquations.Solve(rows, targets, [.. Enumerable.Repeat(0.3 * count, K)]);
        for (int f = 0; f < K; f++)
        {
            ((double)user.Vector[f]).Should().BeApproximately(expected[f], 1e-5);
        }

        user.Bias.Should().Be(0f);
        for (int i = 0; i < Model.Items.Count; i++)
        {
            double score = Model.ItemBiases[i] + expected.Select((v, f) => v * Model.ItemFactors.GetRow(i)[f]).Sum();
            ((double)user.Score(i)).Should().BeApproximately(score, 1e-5);
        }
    }

    [Fact]
    public void Recommendations_and_explanations_of_a_folded_in_user_use_the_item_biases()
    {
        (int[] items, float[] ratings) = SomeRatings(8, seed: 2);
        FoldedInUser user = new FoldInSolver(Model, Options).FoldInUserByIndex(items, ratings);
        ScoredItem[] top = new Recommender(Model).Recommend(user, 5);
        int[] expected = Enumerable.Range(0, Model.Items.Count).Where(i => !items.Contains(i)).OrderByDescending(user.Score).ThenBy(i => i).Take(5).ToArray();
        top.Select(t => t.Index).Should().Equal(expected);
        top.Select(t => t.Score).Should().Equal(expected.Select(user.Score), (a, b) => Math.Abs(a - b) < 1e-5f);

        Explanation why = user.ExplainByIndex(expected[0]);
        why.Baseline.Should().Be(Model.ItemBiases[expected[0]]);
        (why.Baseline + why.Contributions.Sum(c => c.Contribution)).Should().BeApproximately(why.Score, 1e-4);
    }

    [Fact]
    public void An_item_solves_for_its_factors_and_its_bias_against_the_users_without_user_biases()
    {
        int[] users = [0, 2, 3, 5, 8, 9, 11, 14];
        float[] ratings = [5, 4, 1, 3, 4.5f, 2, 5, 3.5f];
        FoldedInItem item = new FoldInSolver(Model, Options).FoldInItem(users.Select((u, k) => new UserRating(Model.Users.GetId(u), ratings[k])));

        var rows = users.Select(u => Model.UserFactors.GetRow(u).ToArray().Select(v => (double)v).Append(1.0).ToArray()).ToList();
        double[] expected = NormalEquations.Solve(rows, [.. ratings.Select(r => (double)r)], [.. Enumerable.Repeat(0.3 * users.Length, K), 0.05 * users.Length]);
        for (int f = 0; f < K; f++)
        {
            ((double)item.Vector[f]).Should().BeApproximately(expected[f], 1e-5);
        }

        ((double)item.Bias).Should().BeApproximately(expected[K], 1e-5);
        foreach (int u in users)
        {
            double score = expected[K] + expected.Take(K).Select((v, f) => v * Model.UserFactors.GetRow(u)[f]).Sum();
            ((double)item.PredictByIndex(u).Value).Should().BeApproximately(score, 1e-5);
        }
    }

    private static (int[] Items, float[] Ratings) SomeRatings(int count, int seed)
    {
        var rng = new Random(seed);
        int[] items = [.. Enumerable.Range(0, Model.Items.Count).OrderBy(_ => rng.Next()).Take(count).Order()];
        return (items, [.. items.Select(_ => (float)Math.Round(1 + (rng.NextDouble() * 4), 1))]);
    }

    private static BprModel RandomModel(int seed)
    {
        RatingStore store = TestRatings.LowRank(users: 20, items: 25, density: 0.9, seed: seed);
        var rng = new Random(seed);
        var p = new FactorMatrix(store.UserCount, K);
        var q = new FactorMatrix(store.ItemCount, K);
        foreach (FactorMatrix m in new[] { p, q })
        {
            for (int r = 0; r < m.Rows; r++)
            {
                for (int f = 0; f < K; f++)
                {
                    m.Row(r)[f] = (float)(rng.NextDouble() - 0.5);
                }
            }
        }

        float[] biases = [.. Enumerable.Range(0, store.ItemCount).Select(_ => (float)(rng.NextDouble() - 0.5))];
        return new BprModel(TrainingDomain.From(store), p, q, biases);
    }
}
