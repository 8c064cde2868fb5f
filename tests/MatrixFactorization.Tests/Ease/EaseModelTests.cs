using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Ease;

public sealed class EaseModelTests
{
    private const double Unit = 1.0 / (1 << 24);

    private static readonly RatingStore Store = EaseReference.RandomStore(30, 12, density: 0.35, seed: 42);

    private static readonly Lazy<EaseModel> Model = new(() => new EaseTrainer(new EaseOptions { Lambda = 5 }).Fit(Store));

    [Fact]
    public void Explanations_are_the_reference_weights_of_the_users_items_and_add_up_to_the_score()
    {
        EaseModel model = Model.Value;
        double[,] expected = EaseReference.Weights(Store, 5, InteractionWeighting.Rating);
        double[,] x = EaseReference.Interactions(Store, InteractionWeighting.Rating);
        for (int u = 0; u < Store.UserCount; u += 7)
        {
            int[] rated = Store.GetUserRatings(u).Items.ToArray();
            for (int i = 0; i < Store.ItemCount; i++)
            {
                Explanation explanation = model.ExplainByIndex(u, i);
                explanation.Index.Should().Be(i);
                explanation.Baseline.Should().Be(0);
                explanation.Contributions.Select(c => c.Index).Should().BeEquivalentTo(rated);
                explanation.Contributions.Select(c => c.Contribution).Should().BeInDescendingOrder();
                foreach (ItemContribution contribution in explanation.Contributions)
                {
                    int j = contribution.Index;
                    contribution.Id.Should().Be(Store.Items.GetId(j));
                    contribution.Rating.Should().Be((float)x[u, j]);
                    contribution.Contribution.Should().BeApproximately(x[u, j] * expected[j, i], (2 * Unit * Math.Abs(x[u, j] * expected[j, i])) + 1e-12);
                }

                var score = new float[Store.ItemCount];
                model.ScoreItems(u, score);
                explanation.Score.Should().Be(score[i]);
                double magnitude = explanation.Contributions.Sum(c => Math.Abs(c.Contribution));
                explanation.Contributions.Sum(c => c.Contribution).Should().BeApproximately(explanation.Score, 2 * (rated.Length + 2) * Unit * magnitude);
            }
        }
    }

    [Fact]
    public void Explaining_a_user_without_interactions_or_an_unknown_item_is_refused()
    {
        Action coldUser = () => Model.Value.ExplainByIndex(-1, 0);
        Action unknownItem = () => Model.Value.ExplainByIndex(0, Store.ItemCount);
        coldUser.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("userIndex");
        unknownItem.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("itemIndex");
    }

    [Fact]
    public void More_items_than_the_limit_is_a_typed_error_that_suggests_a_factor_model()
    {
        var trainer = new EaseTrainer(new EaseOptions { MaxItems = Store.ItemCount - 1 });
        Action fit = () => trainer.Fit(Store);
        ItemLimitException error = fit.Should().Throw<ItemLimitException>().Which;
        error.ItemCount.Should().Be(Store.ItemCount);
        error.Limit.Should().Be(Store.ItemCount - 1);
        error.Message.Should().Contain("MaxItems").And.Contain("ALS");
        new EaseTrainer(new EaseOptions { MaxItems = Store.ItemCount }).Fit(Store).Items.Count.Should().Be(Store.ItemCount);
    }

    [Fact]
    public void A_cancelled_fit_throws_and_returns_no_model()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Action fit = () => new EaseTrainer().Fit(Store, cancellationToken: cancelled.Token);
        fit.Should().Throw<OperationCanceledException>();
    }

    [Theory]
    [InlineData((int)EaseSolution.ThroughItems)]
    [InlineData((int)EaseSolution.ThroughUsers)]
    public void The_weights_are_bit_identical_for_one_two_and_three_threads(int form)
    {
        var solution = (EaseSolution)form;
        // Big enough for the recursive inverse (blocks of 96) and several blocks of every product.
        RatingStore store = EaseReference.RandomStore(260, 300, density: 0.05, seed: 11);
        float[][] Weights(int threads)
        {
            EaseModel model = new EaseTrainer(new EaseOptions { Lambda = 20, Solution = solution, Threads = threads }).Fit(store);
            return Enumerable.Range(0, model.Items.Count).Select(j => model.Weights.GetRow(j).ToArray()).ToArray();
        }

        float[][] one = Weights(1);
        Weights(2).Should().BeEquivalentTo(one, o => o.WithStrictOrdering());
        Weights(3).Should().BeEquivalentTo(one, o => o.WithStrictOrdering());
    }

    [Fact]
    public void The_two_closed_forms_agree()
    {
        RatingStore store = EaseReference.RandomStore(140, 170, density: 0.08, seed: 5);
        EaseModel items = new EaseTrainer(new EaseOptions { Lambda = 10, Solution = EaseSolution.ThroughItems }).Fit(store);
        EaseModel users = new EaseTrainer(new EaseOptions { Lambda = 10, Solution = EaseSolution.ThroughUsers }).Fit(store);
        for (int j = 0; j < store.ItemCount; j++)
        {
            ReadOnlySpan<float> a = items.Weights.GetRow(j), b = users.Weights.GetRow(j);
            for (int i = 0; i < a.Length; i++)
            {
                // Each is a double result rounded to float once: at most one float step apart, plus double noise.
                ((double)a[i]).Should().BeApproximately(b[i], (2 * Unit * Math.Abs(a[i])) + 1e-12, $"B[{j}, {i}]");
            }
        }
    }

    [Fact]
    public void A_new_user_with_a_training_users_ratings_gets_that_users_scores()
    {
        EaseModel model = Model.Value;
        var expected = new float[model.Items.Count];
        var actual = new float[model.Items.Count];
        for (int u = 0; u < Store.UserCount; u++)
        {
            // The ratings in another order, an unknown item, and a repeat whose last rating is the real one.
            int[] rated = Store.GetUserRatings(u).Items.ToArray();
            float[] values = Store.GetUserRatings(u).Values.ToArray();
            ItemRating[] ratings =
            [
                new ItemRating(Store.Items.GetId(rated[0]), 0.5f),
                .. rated.Zip(values).Reverse().Select(p => new ItemRating(Store.Items.GetId(p.First), p.Second)),
                new ItemRating("no such item", 5f),
            ];
            model.ScoreItems(u, expected);
            int[] used = model.ScoreNewUser(ratings, actual);
            used.Should().Equal(rated);
            actual.Should().Equal(expected);
        }
    }

    [Fact]
    public void Cold_start_scores_are_interaction_counts()
    {
        EaseModel model = Model.Value;
        var counts = new float[Store.ItemCount];
        for (int k = 0; k < Store.Count; k++)
        {
            counts[Store[k].Item]++;
        }

        var scores = new float[Store.ItemCount];
        model.ScoreItems(-1, scores);
        scores.Should().Equal(counts);
        model.ScoreItems(Store.UserCount, scores);
        scores.Should().Equal(counts);
        model.ScoreNewUser([new ItemRating("no such item", 4)], scores).Should().BeEmpty();
        scores.Should().Equal(counts);
    }

    [Fact]
    public void Summing_rows_at_request_time_gives_the_precomputed_scores_to_the_bit()
    {
        EaseModel model = new EaseTrainer(new EaseOptions { Lambda = 5 }).Fit(Store);
        int items = model.Items.Count;
        float[][] precomputed = Enumerable.Range(0, Store.UserCount).Select(u => Scores(model, u, items)).ToArray();

        // 30 users × 12 items: without a budget the rows are larger than B and are not kept.
        model.PrecomputeUserScores(threads: 1, budget: 0);
        int[] some = [11, 0, 5];
        var subset = new float[some.Length];
        for (int u = 0; u < Store.UserCount; u++)
        {
            Scores(model, u, items).Should().Equal(precomputed[u]);
            model.ScoreItems(u, some, subset);
            subset.Should().Equal(some.Select(i => precomputed[u][i]));
        }
    }

    [Fact]
    public void A_new_users_list_leaves_out_their_items_and_ranks_the_rest_by_score()
    {
        EaseModel model = Model.Value;
        var recommender = new Recommender(model, Store);
        ItemRating[] ids = [new(Store.Items.GetId(1), 4), new(Store.Items.GetId(4), 1), new(Store.Items.GetId(7), 5)];
        ScoredItem[] top = recommender.RecommendNewUser(ids, 5);

        var scores = new float[model.Items.Count];
        model.ScoreNewUser(ids, scores);
        int[] expected = Enumerable.Range(0, model.Items.Count).Where(i => i is not (1 or 4 or 7))
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(5).ToArray();
        top.Select(t => t.Index).Should().Equal(expected);
        top.Select(t => t.Score).Should().Equal(expected.Select(i => scores[i]));
        recommender.RecommendNewUser(ids, 12, excludeRated: false).Select(t => t.Index).Should().Contain([1, 4, 7]);
    }

    private static float[] Scores(EaseModel model, int user, int items)
    {
        var scores = new float[items];
        model.ScoreItems(user, scores);
        return scores;
    }
}
