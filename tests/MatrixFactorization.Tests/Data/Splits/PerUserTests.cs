using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;

namespace MatrixFactorization.Tests.Data.Splits;

public class PerUserTests
{
    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 5)]
    [InlineData(2, 20)]
    public void Each_eligible_user_holds_out_exactly_k_and_the_rest_stay_in_train(int k, int minRatings)
    {
        var store = SplitFixtures.Random();
        var split = RatingSplitter.PerUser(store, new PerUserOptions { TestCount = k, MinRatings = minRatings, ColdStart = ColdStartPolicy.Keep, Seed = 4 });

        split.ShouldPartition(store);
        int below = 0;
        for (int u = 0; u < store.UserCount; u++)
        {
            int total = store.GetUserRatings(u).Length;
            int test = split.Test.GetUserRatings(u).Length;
            if (total >= minRatings)
            {
                test.Should().Be(k);
            }
            else
            {
                test.Should().Be(0);
                split.Train.GetUserRatings(u).Length.Should().Be(total);
                below++;
            }
        }

        split.Report.UsersBelowMinimum.Should().Be(below);
        split.Report.ColdUsers.Should().Be(0, "every eligible user keeps a train rating");
    }

    [Fact]
    public void A_fraction_holds_out_a_rounded_share_of_each_user_and_always_one_in_train()
    {
        var store = SplitFixtures.Random();
        var split = RatingSplitter.PerUser(store, new PerUserOptions { TestFraction = 0.25, MinRatings = 2, ColdStart = ColdStartPolicy.Keep });

        split.ShouldPartition(store);
        for (int u = 0; u < store.UserCount; u++)
        {
            int total = store.GetUserRatings(u).Length;
            int expected = total < 2 ? 0 : (int)Math.Clamp(Math.Round(0.25 * total), 1, total - 1);
            split.Test.GetUserRatings(u).Length.Should().Be(expected);
        }
    }

    [Fact]
    public void Same_seed_gives_the_identical_split_and_another_seed_differs()
    {
        var store = SplitFixtures.Random();
        var options = new PerUserOptions { TestCount = 2, MinRatings = 5 };

        var a = RatingSplitter.PerUser(store, options);
        var b = RatingSplitter.PerUser(store, options);
        var c = RatingSplitter.PerUser(store, options with { Seed = 99 });

        SplitFixtures.Rows(a.Test).Should().Equal(SplitFixtures.Rows(b.Test));
        SplitFixtures.Rows(a.Test).Should().NotEqual(SplitFixtures.Rows(c.Test));
    }

    [Fact]
    public void A_minimum_that_does_not_exceed_the_test_count_is_rejected()
    {
        var store = SplitFixtures.Random();

        var act = () => RatingSplitter.PerUser(store, new PerUserOptions { TestCount = 3, MinRatings = 3 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MinRatings").WithMessage("*[TestCount + 1 = 4,*");
    }

    [Fact]
    public void Drop_removes_test_ratings_of_items_seen_only_in_test()
    {
        // Item 9 is rated only by user 1; leave-one-out on user 1 can only pick item 9 or item 1.
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 4f);
        builder.Add(1, 9, 2f);
        builder.Add(2, 1, 3f);
        builder.Add(2, 2, 5f);
        builder.Add(3, 2, 1f);
        var store = builder.Build();

        int seedsWithCold = 0;
        for (ulong seed = 0; seed < 8; seed++)
        {
            var keep = RatingSplitter.PerUser(store, new PerUserOptions { Seed = seed, ColdStart = ColdStartPolicy.Keep });
            var drop = RatingSplitter.PerUser(store, new PerUserOptions { Seed = seed, ColdStart = ColdStartPolicy.Drop });
            var (cold, _, coldItems) = SplitFixtures.CountCold(keep.Train, keep.Test);

            keep.Report.ColdRatings.Should().Be(cold);
            keep.Report.ColdItems.Should().Be(coldItems);
            keep.Report.UsersBelowMinimum.Should().Be(1);
            drop.Report.ColdRatings.Should().Be(cold);
            drop.Test.Count.Should().Be(keep.Test.Count - cold);
            seedsWithCold += cold > 0 ? 1 : 0;
        }

        seedsWithCold.Should().BeInRange(1, 7, "user 1 holds out item 9 for some seeds but not all");
    }
}
