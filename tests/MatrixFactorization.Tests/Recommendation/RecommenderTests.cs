using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Recommendation;

public sealed class RecommenderTests
{
    private static RatingStore Train => RecommendationFixture.Train;

    [Theory]
    [InlineData("biased", 10)]
    [InlineData("plain", 10)]
    [InlineData("baseline", 10)]
    [InlineData("neural", 10)]
    [InlineData("biased", 1)]
    [InlineData("plain", 500)]
    public void Top_n_equals_a_brute_force_full_sort(string kind, int count)
    {
        IRatingModel model = RecommendationFixture.Model(kind);
        var recommender = new Recommender(model, Train);
        for (int u = 0; u < 30; u++)
        {
            ScoredItem[] top = recommender.RecommendByIndex(u, count);
            int[] expected = RecommendationFixture.BruteForceTop(model, u, count, RecommendationFixture.RatedBy(Train, u));
            top.Select(r => r.Index).Should().Equal(expected, $"user {u}");
            foreach (ScoredItem r in top)
            {
                r.Score.Should().BeApproximately(model.WithClipping(false).PredictByIndex(u, r.Index).Value, 1e-4f);
                r.Id.Should().Be(model.Items.GetId(r.Index));
            }
        }
    }

    [Fact]
    public void Top_n_is_exact_when_the_catalog_is_not_a_whole_number_of_vectors()
    {
        // 83 items: the ranking scan ends in a scalar remainder after its vector blocks.
        RatingStore store = TestRatings.LowRank(users: 40, items: 83, density: 0.5, seed: 9);
        var model = new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { FactorCount = 5, Epochs = 20, Threads = 1 }).Fit(store);
        var recommender = new Recommender(model, store);
        foreach (int count in new[] { 1, 3, 17, 83 })
        {
            for (int u = 0; u < 40; u += 3)
            {
                recommender.RecommendByIndex(u, count).Select(r => r.Index).Should().Equal(
                    RecommendationFixture.BruteForceTop(model, u, count, RecommendationFixture.RatedBy(store, u)), $"user {u}, top {count}");
            }
        }
    }

    [Fact]
    public void Exclude_rated_removes_every_rated_item_and_only_those()
    {
        IRatingModel model = RecommendationFixture.Biased;
        var recommender = new Recommender(model, Train);
        int all = model.Items.Count;
        for (int u = 0; u < 20; u++)
        {
            HashSet<int> rated = RecommendationFixture.RatedBy(Train, u);
            ScoredItem[] excluding = recommender.RecommendByIndex(u, all);
            ScoredItem[] including = recommender.RecommendByIndex(u, all, excludeRated: false);
            excluding.Select(r => r.Index).Should().NotIntersectWith(rated);
            including.Select(r => r.Index).Should().Contain(rated);
            including.Select(r => r.Index).Except(rated).Should().Equal(excluding.Select(r => r.Index));
        }
    }

    [Fact]
    public void Rated_items_are_matched_by_raw_id_when_the_ratings_have_their_own_maps()
    {
        IRatingModel model = RecommendationFixture.Biased;

        // Reload user 3's training ratings into a fresh store: other maps, other dense indices.
        var builder = new RatingStoreBuilder();
        builder.Add(999_999, 1, 1f);
        RatingRow row = Train.GetUserRatings(3);
        for (int k = 0; k < row.Length; k++)
        {
            builder.Add(Train.Users.GetInt64Id(3), Train.Items.GetInt64Id(row.Items[k]), row.Values[k]);
        }

        ScoredItem[] top = new Recommender(model, builder.Build()).RecommendByIndex(3, model.Items.Count);
        top.Select(r => r.Index).Should().NotIntersectWith(RecommendationFixture.RatedBy(Train, 3));
        top.Should().HaveCount(Enumerable.Range(0, model.Items.Count).Count(i => ((RatingModel)model).IsKnownItem(i)) - row.Length);
    }

    [Fact]
    public void A_filter_keeps_only_the_items_it_accepts()
    {
        IRatingModel model = RecommendationFixture.Plain;
        var recommender = new Recommender(model, Train);
        ScoredItem[] top = recommender.RecommendByIndex(7, 10, filter: i => i % 3 == 0);
        int[] expected = RecommendationFixture.BruteForceTop(model, 7, 10, RecommendationFixture.RatedBy(Train, 7), i => i % 3 == 0);
        top.Select(r => r.Index).Should().Equal(expected);
    }

    [Fact]
    public void Raw_user_ids_are_resolved_and_unknown_ones_get_cold_start()
    {
        var recommender = new Recommender(RecommendationFixture.Biased, Train);
        string raw = Train.Users.GetId(5);
        recommender.Recommend(raw, 10).Should().Equal(recommender.RecommendByIndex(5, 10));
        recommender.Recommend("no-such-user", 10).Should().Equal(recommender.RecommendByIndex(-1, 10));
    }

    [Theory]
    [InlineData("biased")]
    [InlineData("baseline")]
    public void Cold_start_with_biases_ranks_by_mean_plus_item_bias(string kind)
    {
        IRatingModel model = RecommendationFixture.Model(kind);
        float[] itemBiases = model is BiasedMatrixFactorizationModel b ? b.ItemBiases.ToArray() : ((BaselineModel)model).ItemBiases.ToArray();
        int[] expected = Enumerable.Range(0, itemBiases.Length)
            .Where(((RatingModel)model).IsKnownItem)
            .OrderByDescending(i => itemBiases[i]).ThenBy(i => i).Take(10).ToArray();

        ScoredItem[] top = new Recommender(model, Train).Recommend("stranger", 10);
        top.Select(r => r.Index).Should().Equal(expected);
        top.Should().OnlyContain(r => Math.Abs(r.Score - (model.GlobalMean + itemBiases[r.Index])) < 1e-5);
    }

    [Fact]
    public void Cold_start_for_the_plain_model_scores_the_average_user_and_is_finite()
    {
        MatrixFactorizationModel model = RecommendationFixture.Plain;
        int k = model.FactorCount;
        var mean = new double[k];
        int known = 0;
        for (int u = 0; u < model.Users.Count; u++)
        {
            if (model.IsKnownUser(u))
            {
                known++;
                for (int f = 0; f < k; f++)
                {
                    mean[f] += model.UserFactors.GetRow(u)[f];
                }
            }
        }

        double Score(int i)
        {
            double s = 0;
            for (int f = 0; f < k; f++)
            {
                s += mean[f] / known * model.ItemFactors.GetRow(i)[f];
            }

            return s;
        }

        ScoredItem[] top = new Recommender(model).RecommendByIndex(-1, 10);
        top.Should().HaveCount(10);
        top.Should().OnlyContain(r => float.IsFinite(r.Score));
        int[] expected = Enumerable.Range(0, model.Items.Count).Where(model.IsKnownItem)
            .OrderByDescending(Score).ThenBy(i => i).Take(10).ToArray();
        top.Select(r => r.Index).Should().Equal(expected);
    }

    [Fact]
    public void Batch_recommendation_is_the_same_as_one_by_one_whatever_the_threads()
    {
        var recommender = new Recommender(RecommendationFixture.Biased, Train);
        int[] users = [.. Enumerable.Range(0, Train.UserCount), -1];
        ScoredItem[][] sequential = users.Select(u => recommender.RecommendByIndex(u, 5)).ToArray();
        foreach (int threads in new[] { 1, 2, 4 })
        {
            ScoredItem[][] batch = recommender.RecommendManyByIndex(users, 5, maxDegreeOfParallelism: threads);
            batch.Should().HaveCount(users.Length);
            for (int k = 0; k < users.Length; k++)
            {
                batch[k].Should().Equal(sequential[k]);
            }
        }
    }

    [Fact]
    public void Batch_lists_equal_single_lists_with_unknown_users_and_items_and_a_ragged_catalog()
    {
        // 523 items: not a whole number of 16-row panels nor of vectors; two of 70 users unknown.
        var rng = new Random(12);
        var p = new FactorMatrix(70, 20);
        var q = new FactorMatrix(523, 20);
        foreach (FactorMatrix m in new[] { p, q })
        {
            for (int r = 0; r < m.Rows; r++)
            {
                foreach (ref float x in m.Row(r))
                {
                    x = (float)(rng.NextDouble() - 0.5);
                }
            }
        }

        var userIds = new IdMap(IdKind.Integer);
        var itemIds = new IdMap(IdKind.Integer);
        Enumerable.Range(0, 70).ToList().ForEach(u => userIds.GetOrAdd(u));
        Enumerable.Range(0, 523).ToList().ForEach(i => itemIds.GetOrAdd(i));
        bool[] knownUsers = Enumerable.Range(0, 70).Select(u => u is not (5 or 40)).ToArray();
        bool[] knownItems = Enumerable.Range(0, 523).Select(i => i % 50 != 7).ToArray();
        var domain = new TrainingDomain(userIds, itemIds, new RatingScale(1, 5), 3f, knownUsers, knownItems);
        float[] itemBiases = Enumerable.Range(0, 523).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var model = new BiasedMatrixFactorizationModel(domain, p, q, new float[70], itemBiases, clipPredictions: true);

        var recommender = new Recommender(model);
        int[] users = Enumerable.Range(0, 70).ToArray();
        ScoredItem[][] batch = recommender.RecommendManyByIndex(users, 25, maxDegreeOfParallelism: 2);
        for (int u = 0; u < 70; u++)
        {
            batch[u].Should().Equal(recommender.RecommendByIndex(u, 25), $"user {u}");
            if (knownUsers[u])
            {
                batch[u].Select(r => r.Index).Should().Equal(RecommendationFixture.BruteForceTop(model, u, 25, new HashSet<int>()));
            }
        }
    }

    [Fact]
    public void Count_zero_and_count_beyond_the_catalog_are_handled()
    {
        var recommender = new Recommender(RecommendationFixture.Baseline);
        recommender.RecommendByIndex(0, 0).Should().BeEmpty();
        recommender.RecommendByIndex(0, 1_000_000).Should().HaveCount(Enumerable.Range(0, Train.ItemCount).Count(RecommendationFixture.Baseline.IsKnownItem));
    }
}
