using MatrixFactorization.Data.Splits;

namespace MatrixFactorization.Tests.Data.Splits;

public class HoldoutTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void Keep_partitions_the_store_with_the_exact_test_size(double fraction)
    {
        var store = SplitFixtures.Random();
        var split = RatingSplitter.Holdout(store, new HoldoutOptions { TestFraction = fraction, ColdStart = ColdStartPolicy.Keep, Seed = 3 });

        split.ShouldPartition(store);
        split.Test.Count.Should().Be((int)Math.Round(fraction * store.Count));
        split.Report.DroppedCount.Should().Be(0);
    }

    [Fact]
    public void Same_seed_gives_the_identical_split_and_another_seed_differs()
    {
        var store = SplitFixtures.Random();
        var a = RatingSplitter.Holdout(store, new HoldoutOptions { Seed = 11 });
        var b = RatingSplitter.Holdout(store, new HoldoutOptions { Seed = 11 });
        var c = RatingSplitter.Holdout(store, new HoldoutOptions { Seed = 12 });

        SplitFixtures.Rows(a.Test).Should().Equal(SplitFixtures.Rows(b.Test));
        SplitFixtures.Rows(a.Train).Should().Equal(SplitFixtures.Rows(b.Train));
        a.Report.Should().Be(b.Report);
        SplitFixtures.Rows(a.Test).Should().NotEqual(SplitFixtures.Rows(c.Test));
    }

    [Fact]
    public void Keep_reports_cold_ratings_that_match_a_recount()
    {
        var store = SplitFixtures.Random();
        var split = RatingSplitter.Holdout(store, new HoldoutOptions { TestFraction = 0.5, ColdStart = ColdStartPolicy.Keep });

        var (ratings, users, items) = SplitFixtures.CountCold(split.Train, split.Test);
        ratings.Should().BePositive("the fixture has rare items and users with one rating");
        split.Report.ColdRatings.Should().Be(ratings);
        split.Report.ColdUsers.Should().Be(users);
        split.Report.ColdItems.Should().Be(items);
    }

    [Fact]
    public void Drop_leaves_only_warm_test_ratings_and_counts_what_it_dropped()
    {
        var store = SplitFixtures.Random();
        var kept = RatingSplitter.Holdout(store, new HoldoutOptions { TestFraction = 0.5, ColdStart = ColdStartPolicy.Keep, Seed = 5 });
        var dropped = RatingSplitter.Holdout(store, new HoldoutOptions { TestFraction = 0.5, ColdStart = ColdStartPolicy.Drop, Seed = 5 });

        SplitFixtures.CountCold(dropped.Train, dropped.Test).Ratings.Should().Be(0);
        SplitFixtures.Rows(dropped.Train).Should().Equal(SplitFixtures.Rows(kept.Train));
        dropped.Report.ColdRatings.Should().Be(kept.Report.ColdRatings);
        dropped.Report.DroppedCount.Should().Be(kept.Report.ColdRatings);
        (dropped.Train.Count + dropped.Test.Count + dropped.Report.DroppedCount).Should().Be(store.Count);
        SplitFixtures.Rows(kept.Test).Except(SplitFixtures.Rows(dropped.Test)).Should().HaveCount(dropped.Report.DroppedCount);
    }

    [Fact]
    public void An_empty_store_splits_into_two_empty_stores()
    {
        var store = new MatrixFactorization.Data.RatingStoreBuilder().Build();
        var split = RatingSplitter.Holdout(store);

        split.Train.Count.Should().Be(0);
        split.Test.Count.Should().Be(0);
    }
}
