using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;

namespace MatrixFactorization.Tests.Data.Splits;

public class TemporalTests
{
    [Fact]
    public void A_cutoff_puts_ratings_at_or_after_it_in_test()
    {
        var store = SplitFixtures.Random();
        long cutoff = 1_000_000 + (300 * 60);
        var split = RatingSplitter.Temporal(store, new TemporalOptions { Cutoff = cutoff, ColdStart = ColdStartPolicy.Keep });

        split.ShouldPartition(store);
        SplitFixtures.Rows(split.Train).Should().OnlyContain(r => r.Time < cutoff);
        SplitFixtures.Rows(split.Test).Should().OnlyContain(r => r.Time >= cutoff);
        split.Test.Count.Should().BePositive();
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.3)]
    public void A_fraction_takes_exactly_the_latest_share(double fraction)
    {
        var store = SplitFixtures.Random();
        var split = RatingSplitter.Temporal(store, new TemporalOptions { TestFraction = fraction, ColdStart = ColdStartPolicy.Keep });

        split.ShouldPartition(store);
        split.Test.Count.Should().Be((int)Math.Round(fraction * store.Count));
        long latestTrain = SplitFixtures.Rows(split.Train).Max(r => r.Time);
        long earliestTest = SplitFixtures.Rows(split.Test).Min(r => r.Time);
        earliestTest.Should().BeGreaterThanOrEqualTo(latestTrain);
    }

    [Fact]
    public void Ties_at_the_boundary_are_broken_by_the_seed()
    {
        // Every rating has the same time, so the seed alone decides which are "latest".
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < 20; u++)
        {
            for (int i = 0; i < 10; i++)
            {
                builder.Add(u, i, 3f, 1_700_000_000);
            }
        }

        var store = builder.Build();
        var options = new TemporalOptions { TestFraction = 0.2, ColdStart = ColdStartPolicy.Keep };
        var a = RatingSplitter.Temporal(store, options);
        var b = RatingSplitter.Temporal(store, options);
        var c = RatingSplitter.Temporal(store, options with { Seed = 1 });

        a.Test.Count.Should().Be(40);
        SplitFixtures.Rows(a.Test).Should().Equal(SplitFixtures.Rows(b.Test));
        SplitFixtures.Rows(a.Test).Should().NotEqual(SplitFixtures.Rows(c.Test));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 10)]
    public void Per_user_holds_out_each_users_latest_k(int k, int minRatings)
    {
        var store = SplitFixtures.Random();
        var split = RatingSplitter.PerUserTemporal(store, new PerUserOptions { TestCount = k, MinRatings = minRatings, ColdStart = ColdStartPolicy.Keep });

        split.ShouldPartition(store);
        for (int u = 0; u < store.UserCount; u++)
        {
            var train = TimesOf(split.Train, u);
            var test = TimesOf(split.Test, u);
            if (train.Count + test.Count < minRatings)
            {
                test.Should().BeEmpty();
                continue;
            }

            test.Should().HaveCount(k);
            test.Min().Should().BeGreaterThanOrEqualTo(train.Max());
        }
    }

    [Fact]
    public void Per_user_by_fraction_is_deterministic_by_seed()
    {
        var store = SplitFixtures.Random();
        var options = new PerUserOptions { TestFraction = 0.3, MinRatings = 4 };

        var a = RatingSplitter.PerUserTemporal(store, options);
        var b = RatingSplitter.PerUserTemporal(store, options);

        SplitFixtures.Rows(a.Test).Should().Equal(SplitFixtures.Rows(b.Test));
        a.Report.Should().Be(b.Report);
    }

    [Fact]
    public void A_store_without_timestamps_is_rejected_with_a_clear_message()
    {
        var store = SplitFixtures.Random(timestamps: false);

        var global = () => RatingSplitter.Temporal(store);
        var perUser = () => RatingSplitter.PerUserTemporal(store);

        global.Should().Throw<ArgumentException>().WithParameterName("store").WithMessage("*needs timestamps*");
        perUser.Should().Throw<ArgumentException>().WithParameterName("store").WithMessage("*needs timestamps*");
    }

    [Fact]
    public void A_cutoff_after_an_items_only_rating_makes_it_cold()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 4f, 100);
        builder.Add(2, 1, 3f, 100);
        builder.Add(1, 2, 5f, 200);
        builder.Add(3, 3, 2f, 200);
        var store = builder.Build();

        var keep = RatingSplitter.Temporal(store, new TemporalOptions { Cutoff = 150, ColdStart = ColdStartPolicy.Keep });
        var drop = RatingSplitter.Temporal(store, new TemporalOptions { Cutoff = 150 });

        // (1,2): item 2 cold. (3,3): user 3 and item 3 cold.
        keep.Report.Should().Be(new SplitReport(2, 2, ColdStartPolicy.Keep, ColdRatings: 2, ColdUsers: 1, ColdItems: 2, UsersBelowMinimum: 0));
        drop.Report.Should().Be(new SplitReport(2, 0, ColdStartPolicy.Drop, ColdRatings: 2, ColdUsers: 1, ColdItems: 2, UsersBelowMinimum: 0));
        drop.Report.DroppedCount.Should().Be(2);
    }

    private static List<long> TimesOf(RatingStore store, int user)
    {
        var row = store.GetUserRatings(user);
        var times = new List<long>(row.Length);
        for (int k = 0; k < row.Length; k++)
        {
            times.Add(store.GetTimestamp(row.Start + k));
        }

        return times;
    }
}
