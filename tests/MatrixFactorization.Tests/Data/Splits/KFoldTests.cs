using MatrixFactorization.Data.Splits;

namespace MatrixFactorization.Tests.Data.Splits;

public class KFoldTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(7)]
    public void Every_rating_is_in_exactly_one_test_fold(int folds)
    {
        var store = SplitFixtures.Random();
        var splits = RatingSplitter.KFold(store, new KFoldOptions { Folds = folds, ColdStart = ColdStartPolicy.Keep, Seed = 9 }).ToList();

        splits.Should().HaveCount(folds);
        var allTest = splits.SelectMany(s => SplitFixtures.Rows(s.Test)).ToList();
        allTest.Sort();
        allTest.Should().Equal(SplitFixtures.Rows(store));
        foreach (var split in splits)
        {
            split.ShouldPartition(store);
            split.Test.Count.Should().BeInRange(store.Count / folds, (store.Count / folds) + 1);
        }
    }

    [Fact]
    public void Folds_are_fixed_by_the_seed_and_by_nothing_else()
    {
        var store = SplitFixtures.Random();
        var options = new KFoldOptions { Folds = 3, Seed = 1 };
        var splits = RatingSplitter.KFold(store, options);

        var first = splits.Select(s => SplitFixtures.Rows(s.Test)).ToList();
        var again = splits.Select(s => SplitFixtures.Rows(s.Test)).ToList();
        var other = RatingSplitter.KFold(store, options with { Seed = 2 }).Select(s => SplitFixtures.Rows(s.Test)).ToList();

        for (int f = 0; f < 3; f++)
        {
            again[f].Should().Equal(first[f]);
            other[f].Should().NotEqual(first[f]);
        }
    }

    [Fact]
    public void Drop_removes_cold_ratings_from_each_fold()
    {
        var store = SplitFixtures.Random();
        foreach (var split in RatingSplitter.KFold(store, new KFoldOptions { Folds = 4 }))
        {
            SplitFixtures.CountCold(split.Train, split.Test).Ratings.Should().Be(0);
            (split.Train.Count + split.Test.Count + split.Report.DroppedCount).Should().Be(store.Count);
        }
    }

    [Fact]
    public void Fewer_ratings_than_folds_is_rejected_before_enumeration()
    {
        var builder = new MatrixFactorization.Data.RatingStoreBuilder();
        builder.Add(1, 1, 3f);
        builder.Add(1, 2, 4f);
        var store = builder.Build();

        var act = () => RatingSplitter.KFold(store, new KFoldOptions { Folds = 3 });

        act.Should().Throw<ArgumentException>().WithParameterName("store");
    }
}
