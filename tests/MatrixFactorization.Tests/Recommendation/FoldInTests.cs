using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Tests.Recommendation;

public sealed class FoldInTests
{
    private static readonly FoldInOptions Options = new() { FactorRegularization = 0.1f, BiasRegularization = 0.02f };

    private static RatingStore Train => RecommendationFixture.Train;

    // k = 8: 15 ratings take the k×k path, 3 or 5 the dual n×n path.
    [Theory]
    [InlineData(true, 15)]
    [InlineData(false, 15)]
    [InlineData(true, 5)]
    [InlineData(false, 3)]
    public void The_user_solves_the_regularized_normal_equations(bool biased, int count)
    {
        IFactorModel model = biased ? RecommendationFixture.Biased : RecommendationFixture.Plain;
        (int[] items, float[] ratings) = SomeRatings(model, seed: 4, count: count);
        FoldedInUser user = new FoldInSolver(model, Options).FoldInUserByIndex(items, ratings);

        int k = biased ? RecommendationFixture.Biased.FactorCount : RecommendationFixture.Plain.FactorCount;
        float mean = RecommendationFixture.Biased.GlobalMean;
        float[] itemBiases = biased ? RecommendationFixture.Biased.ItemBiases.ToArray() : new float[model.Items.Count];
        var rows = new List<double[]>();
        var targets = new List<double>();
        for (int j = 0; j < items.Length; j++)
        {
            ReadOnlySpan<float> q = biased ? RecommendationFixture.Biased.ItemFactors.GetRow(items[j]) : RecommendationFixture.Plain.ItemFactors.GetRow(items[j]);
            rows.Add([.. q.ToArray().Select(v => (double)v), .. biased ? new[] { 1.0 } : []]);
            targets.Add(biased ? ratings[j] - mean - itemBiases[items[j]] : ratings[j]);
        }

        // SGD's per-rating penalty, summed over the user's n ratings: λ·n on every coefficient.
        double[] penalties = [.. Enumerable.Repeat(0.1 * items.Length, k), .. biased ? new[] { 0.02 * items.Length } : []];
        double[] expected = NormalEquations.Solve(rows, targets, penalties);
        for (int f = 0; f < k; f++)
        {
            ((double)user.Vector[f]).Should().BeApproximately(expected[f], 1e-5);
        }

        ((double)user.Bias).Should().BeApproximately(biased ? expected[k] : 0, 1e-5);
    }

    [Theory]
    [InlineData(true, 12)]
    [InlineData(false, 12)]
    [InlineData(true, 4)]
    [InlineData(false, 4)]
    public void Contributions_of_the_rated_items_sum_to_the_score(bool biased, int count)
    {
        IFactorModel model = biased ? RecommendationFixture.Biased : RecommendationFixture.Plain;
        (int[] items, float[] ratings) = SomeRatings(model, seed: 8, count: count);
        FoldedInUser user = new FoldInSolver(model, Options).FoldInUserByIndex(items, ratings);
        for (int item = 0; item < model.Items.Count; item += 7)
        {
            if (!model.IsKnownItem(item))
            {
                continue;
            }

            Explanation why = user.ExplainByIndex(item);
            why.Contributions.Should().HaveCount(items.Length);
            why.Contributions.Select(c => c.Index).Should().BeEquivalentTo(items);
            why.Contributions.Select(c => c.Contribution).Should().BeInDescendingOrder();
            (why.Baseline + why.Contributions.Sum(c => c.Contribution)).Should().BeApproximately(why.Score, 1e-4);
            why.Score.Should().BeApproximately(user.Score(item), 1e-6);
            float expectedBaseline = biased ? RecommendationFixture.Biased.GlobalMean + RecommendationFixture.Biased.ItemBiases[item] : 0f;
            why.Baseline.Should().BeApproximately(expectedBaseline, 1e-6);
        }
    }

    [Fact]
    public void Recommendations_for_a_folded_in_user_rank_its_scores_and_skip_its_ratings()
    {
        BiasedMatrixFactorizationModel model = RecommendationFixture.Biased;
        (int[] items, float[] ratings) = SomeRatings(model, seed: 2, count: 10);
        FoldedInUser user = new FoldInSolver(model, Options).FoldInUserByIndex(items, ratings);
        ScoredItem[] top = new Recommender(model).Recommend(user, 10);
        int[] expected = Enumerable.Range(0, model.Items.Count)
            .Where(i => model.IsKnownItem(i) && !items.Contains(i))
            .OrderByDescending(user.Score).ThenBy(i => i).Take(10).ToArray();
        top.Select(t => t.Index).Should().Equal(expected);
    }

    [Fact]
    public void Raw_ids_added_ratings_and_unknown_items_are_handled()
    {
        BiasedMatrixFactorizationModel model = RecommendationFixture.Biased;
        var solver = new FoldInSolver(model, Options);
        RatingRow row = Train.GetUserRatings(11);
        var earlier = new List<ItemRating>();
        for (int k = 0; k < row.Length; k++)
        {
            earlier.Add(new ItemRating(Train.Items.GetId(row.Items[k]), row.Values[k]));
        }

        ItemRating[] added = [new(earlier[0].ItemId, 0.5f), new("no-such-item", 5f)];
        FoldedInUser refit = solver.FoldInUser(Train, Train.Users.GetId(11), added);
        var expectedRatings = earlier.Skip(1).Append(added[0]).ToList();
        FoldedInUser direct = solver.FoldInUser(expectedRatings);

        refit.IgnoredRatings.Should().Be(1);
        refit.RatedItems.ToArray().Should().Equal(direct.RatedItems.ToArray());
        refit.Vector.ToArray().Should().Equal(direct.Vector.ToArray());
        refit.Ratings.ToArray().Should().Contain(0.5f);
    }

    [Fact]
    public void A_user_without_usable_ratings_is_the_cold_start_user()
    {
        BiasedMatrixFactorizationModel model = RecommendationFixture.Biased;
        FoldedInUser user = new FoldInSolver(model, Options).FoldInUser([new ItemRating("nothing", 4f)]);
        user.IsColdStart.Should().BeTrue();
        user.IgnoredRatings.Should().Be(1);
        var recommender = new Recommender(model);
        recommender.Recommend(user, 10).Should().Equal(recommender.RecommendByIndex(-1, 10));
        user.PredictByIndex(3).Value.Should().BeApproximately(model.Scale.Clip(model.GlobalMean + model.ItemBiases[3]), 1e-6f);
    }

    [Fact]
    public void A_new_item_solves_its_normal_equations_against_the_user_factors()
    {
        BiasedMatrixFactorizationModel model = RecommendationFixture.Biased;
        var rng = new Random(6);
        int[] users = Enumerable.Range(0, model.Users.Count).Where(u => model.IsKnownUser(u) && rng.NextDouble() < 0.2).ToArray();
        float[] ratings = users.Select(_ => (float)Math.Round(rng.NextDouble() * 4.5 + 0.5, 1)).ToArray();
        FoldedInItem item = new FoldInSolver(model, Options).FoldInItem(users.Select((u, n) => new UserRating(model.Users.GetId(u), ratings[n])));

        var rows = users.Select(u => model.UserFactors.GetRow(u).ToArray().Select(v => (double)v).Append(1.0).ToArray()).ToList();
        var targets = users.Select((u, n) => (double)(ratings[n] - model.GlobalMean - model.UserBiases[u])).ToList();
        double[] penalties = [.. Enumerable.Repeat(0.1 * users.Length, model.FactorCount), 0.02 * users.Length];
        double[] expected = NormalEquations.Solve(rows, targets, penalties);

        item.UsedRatings.Should().Be(users.Length);
        for (int f = 0; f < model.FactorCount; f++)
        {
            ((double)item.Vector[f]).Should().BeApproximately(expected[f], 1e-5);
        }

        ((double)item.Bias).Should().BeApproximately(expected[model.FactorCount], 1e-5);
        double dot = Enumerable.Range(0, model.FactorCount).Sum(f => model.UserFactors.GetRow(users[0])[f] * expected[f]);
        item.PredictByIndex(users[0]).Value.Should().BeApproximately(
            model.Scale.Clip((float)(model.GlobalMean + model.UserBiases[users[0]] + expected[model.FactorCount] + dot)), 1e-4f);
    }

    private static (int[] Items, float[] Ratings) SomeRatings(IFactorModel model, int seed, int count)
    {
        var rng = new Random(seed);
        int[] items = Enumerable.Range(0, model.Items.Count).Where(model.IsKnownItem).OrderBy(_ => rng.Next()).Take(count).ToArray();
        float[] ratings = items.Select(_ => (float)(Math.Round(rng.NextDouble() * 9) / 2 + 0.5)).ToArray();
        return (items, ratings);
    }
}
