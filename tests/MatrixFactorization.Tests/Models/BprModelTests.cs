using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class BprModelTests
{
    [Fact]
    public void On_planted_groups_each_user_gets_their_own_group_first_even_over_more_popular_items()
    {
        // Three groups of users, each choosing among its own 30 items; the first group is the
        // largest, so its items are the most popular with everyone. Every user's list of unseen
        // items must still start with their own group's.
        (RatingStore store, int[] groupOfUser, int[] groupOfItem) = PlantedGroups(users: [60, 25, 25], itemsPerGroup: 30, share: 0.6, seed: 3);
        BprModel model = new BprTrainer(new BprOptions { FactorCount = 16, Epochs = 60, MinimumRating = float.NegativeInfinity, Threads = 2 }).Fit(store);
        var recommender = new Recommender(model, store);
        int mistakes = 0;
        for (int u = 0; u < store.UserCount; u++)
        {
            ScoredItem[] top = recommender.RecommendByIndex(u, 5);
            top.Should().HaveCount(5);
            mistakes += top.Count(t => groupOfItem[t.Index] != groupOfUser[u]);
        }

        mistakes.Should().Be(0);

        // The popularity count ranks the big group's items first for everyone.
        int[] counts = store.Statistics.ItemCounts.ToArray();
        int mostPopular = Enumerable.Range(0, counts.Length).MaxBy(i => counts[i]);
        groupOfItem[mostPopular].Should().Be(0);
    }

    [Fact]
    public void Scores_are_the_item_bias_plus_the_dot_product_and_an_unknown_user_is_the_average_known_user()
    {
        RatingStore store = TestRatings.LowRank(users: 40, items: 30, seed: 5);
        BprModel model = new BprTrainer(BprModelContract.Small()).Fit(store);
        var scores = new float[model.Items.Count];
        int k = model.FactorCount;

        // The mean of the known users' vectors, in double.
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

        foreach (int user in new[] { 3, -1 })
        {
            model.ScoreItems(user, scores);
            for (int i = 0; i < model.Items.Count; i++)
            {
                double expected = model.ItemBiases[i];
                for (int f = 0; f < k; f++)
                {
                    double pf = user >= 0 ? model.UserFactors.GetRow(user)[f] : mean[f] / known;
                    expected += pf * model.ItemFactors.GetRow(i)[f];
                }

                ((double)scores[i]).Should().BeApproximately(expected, 1e-5);
            }
        }

        model.UserBiases.IsEmpty.Should().BeTrue();
        model.ScoreOffset.Should().Be(0f);
    }

    [Fact]
    public void A_model_checks_its_shapes()
    {
        RatingStore store = TestRatings.LowRank(users: 10, items: 8, seed: 2);
        TrainingDomain domain = TrainingDomain.From(store);
        var p = new FactorMatrix(store.UserCount, 4);
        var q = new FactorMatrix(store.ItemCount, 4);
        FluentActions.Invoking(() => new BprModel(domain, p, q, new float[3])).Should().Throw<ArgumentException>().WithParameterName("itemBiases");
        FluentActions.Invoking(() => new BprModel(domain, p, new FactorMatrix(store.ItemCount, 5), [])).Should().Throw<ArgumentException>();
        new BprModel(domain, p, q, []).ItemBiases.IsEmpty.Should().BeTrue();
        new BprModel(domain, p, q, new float[store.ItemCount]).ItemBiases.Length.Should().Be(store.ItemCount);
    }

    /// <summary>Users in groups, each interacting with a random share of its group's items only.</summary>
    internal static (RatingStore Store, int[] GroupOfUser, int[] GroupOfItem) PlantedGroups(int[] users, int itemsPerGroup, double share, int seed)
    {
        var rng = new Random(seed);
        var builder = new RatingStoreBuilder();
        var groupOfUser = new List<int>();
        int user = 0;
        for (int g = 0; g < users.Length; g++)
        {
            for (int n = 0; n < users[g]; n++, user++)
            {
                groupOfUser.Add(g);
                for (int i = 0; i < itemsPerGroup; i++)
                {
                    if (rng.NextDouble() < share)
                    {
                        builder.Add(user, (g * itemsPerGroup) + i, 1f);
                    }
                }
            }
        }

        RatingStore store = builder.Build();
        int[] groupOfItem = Enumerable.Range(0, store.ItemCount).Select(i => (int)(store.Items.GetInt64Id(i) / itemsPerGroup)).ToArray();
        int[] groupOfDenseUser = Enumerable.Range(0, store.UserCount).Select(u => groupOfUser[(int)store.Users.GetInt64Id(u)]).ToArray();
        return (store, groupOfDenseUser, groupOfItem);
    }
}
