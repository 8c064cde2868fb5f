using MatrixFactorization.Data;
using MatrixFactorization.Tests.Models;

namespace MatrixFactorization.Tests.Data;

public sealed class RatingStatisticsTests
{
    [Theory]
    [InlineData(new[] { 1f, 2f, 5f }, 1f)]
    [InlineData(new[] { 0.5f, 2f, 4.5f }, 0.5f)]
    [InlineData(new[] { 1f, 1.25f, 3f }, 0.25f)]
    [InlineData(new[] { 0.1f, 0.7f, 0.4f }, 0.1f)]
    [InlineData(new[] { 0.1f, 0.7f, 0.3f }, 0.2f)]
    [InlineData(new[] { 0.123f, 0.9f }, null)]
    [InlineData(new[] { 3f, 3f }, null)]
    public void Step_is_the_largest_grid_every_value_lies_on(float[] values, float? step)
    {
        var builder = new RatingStoreBuilder();
        for (int k = 0; k < values.Length; k++)
        {
            builder.Add(k, k, values[k]);
        }

        RatingScale scale = builder.Build().Statistics.Scale;

        scale.Step.Should().Be(step);
        scale.Min.Should().Be(values.Min());
        scale.Max.Should().Be(values.Max());
    }

    [Theory]
    [InlineData(-1, 0f, 0.5f)]
    [InlineData(500, 0.3f, 0.1f)]
    [InlineData(1002, 0.3f, 0.1f)]
    [InlineData(17, 2.0004f, 0.5f)]
    [InlineData(17, 2.0006f, null)]
    [InlineData(1001, 4.4989f, null)]
    public void Step_is_found_over_many_values_wherever_an_odd_one_sits(int position, float odd, float? step)
    {
        // 1,003 half stars: the odd value lands in the vectorized body or in the scalar tail.
        // The tolerance is a thousandth of a step: 2.0004 is 0.0008 half stars from 2, so it
        // fits; 2.0006 (0.0012) and 4.4989 (0.0022) fit no step on the list.
        var builder = new RatingStoreBuilder();
        for (int k = 0; k < 1003; k++)
        {
            float value = k == position ? odd : 0.5f + (0.5f * (k % 10));
            builder.Add(k, k, value);
        }

        builder.Build().Statistics.Scale.Step.Should().Be(step);
    }

    [Fact]
    public void Counts_and_means_per_user_and_item()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 10, 1f);
        builder.Add(1, 20, 3f);
        builder.Add(2, 10, 5f);

        RatingStatistics stats = builder.Build().Statistics;

        stats.Count.Should().Be(3);
        stats.GlobalMean.Should().BeApproximately(3, 1e-12);
        stats.UserCounts.ToArray().Should().Equal(2, 1);
        stats.UserMeans.ToArray().Should().Equal(2f, 5f);
        stats.ItemCounts.ToArray().Should().Equal(2, 1);
        stats.ItemMeans.ToArray().Should().Equal(3f, 3f);
        stats.Density.Should().BeApproximately(0.75, 1e-12);
        stats.Sparsity.Should().BeApproximately(0.25, 1e-12);
    }

    [Fact]
    public void Subsets_share_ids_and_count_only_their_ratings()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 10, 1f, 5);
        builder.Add(2, 20, 3f, 6);
        builder.Add(2, 10, 5f, 7);
        RatingStore store = builder.Build();

        RatingStore subset = store.Subset([1, 0]);

        subset.Users.Should().BeSameAs(store.Users);
        subset.Count.Should().Be(2);
        subset.ShouldBeWellFormed();
        subset.Statistics.UsersWithRatings.Should().Be(2);
        subset.Statistics.ItemsWithRatings.Should().Be(1);
        subset.RawRatings().Should().Equal(("1", "10", 1f, 5L), ("2", "10", 5f, 7L));
        FluentActions.Invoking(() => store.Subset([0, 0])).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Statistics_tallied_in_parallel_parts_match_a_direct_count(int parts)
    {
        // The expected values come from a plain walk over the rows, one rating at a time.
        RatingStore store = TestRatings.LowRank(users: 230, items: 170, density: 0.4, seed: 8);
        var userCounts = new int[store.UserCount];
        var itemCounts = new int[store.ItemCount];
        var userSums = new double[store.UserCount];
        var itemSums = new double[store.ItemCount];
        double sum = 0;
        for (int u = 0; u < store.UserCount; u++)
        {
            RatingRow row = store.GetUserRatings(u);
            for (int k = 0; k < row.Items.Length; k++)
            {
                userCounts[u]++;
                itemCounts[row.Items[k]]++;
                userSums[u] += row.Values[k];
                itemSums[row.Items[k]] += row.Values[k];
                sum += row.Values[k];
            }
        }

        RatingStatistics stats = RatingStatistics.Compute(store, parts);

        stats.UserCounts.ToArray().Should().Equal(userCounts);
        stats.ItemCounts.ToArray().Should().Equal(itemCounts);
        stats.GlobalMean.Should().BeApproximately(sum / store.Count, 1e-12);
        for (int u = 0; u < store.UserCount; u++)
        {
            stats.UserMeans[u].Should().BeApproximately(userCounts[u] == 0 ? 0f : (float)(userSums[u] / userCounts[u]), 1e-6f);
        }

        for (int i = 0; i < store.ItemCount; i++)
        {
            stats.ItemMeans[i].Should().BeApproximately(itemCounts[i] == 0 ? 0f : (float)(itemSums[i] / itemCounts[i]), 1e-6f);
        }

        stats.Scale.Min.Should().Be(store.Values.ToArray().Min());
        stats.Scale.Max.Should().Be(store.Values.ToArray().Max());
    }
}
