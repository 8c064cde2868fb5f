using System.Globalization;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class MovieLensSmallTests
{
    private static readonly Lazy<LoadResult> s_loaded = new(() => RatingReader.Read(BundledData.Ratings));

    [Fact]
    public void Reads_exact_counts()
    {
        (RatingStore store, LoadReport report) = s_loaded.Value;

        store.Count.Should().Be(100_836);
        store.UserCount.Should().Be(610);
        store.ItemCount.Should().Be(9_724);
        store.HasTimestamps.Should().BeTrue();
        report.Format.Should().Be(RatingFormat.MovieLens);
        report.HasHeader.Should().BeTrue();
        report.Delimiter.Should().Be(",");
        report.LinesRead.Should().Be(100_837);
        report.RatingsRead.Should().Be(100_836);
        report.RatingsKept.Should().Be(100_836);
        report.LinesSkipped.Should().Be(0);
        report.DuplicatesResolved.Should().Be(0);
        report.SourceName.Should().Be("ratings.csv");
        report.RatingsPerSecond.Should().BePositive();
    }

    [Fact]
    public void First_rating_is_user_1_movie_1()
    {
        RatingStore store = s_loaded.Value.Store;

        store.Users.GetInt64Id(0).Should().Be(1);
        store.Items.GetInt64Id(0).Should().Be(1);
        store[0].Should().Be(new Rating(0, 0, 4.0f));
        store.GetTimestamp(0).Should().Be(964_982_703);
    }

    [Fact]
    public void Global_mean_matches_a_naive_line_split()
    {
        double sum = 0;
        long count = 0;
        foreach (string line in File.ReadLines(BundledData.Ratings).Skip(1))
        {
            sum += double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture);
            count++;
        }

        s_loaded.Value.Store.Statistics.GlobalMean.Should().BeApproximately(sum / count, 1e-9);
        s_loaded.Value.Store.Statistics.Scale.Should().Be(RatingScale.HalfStars);
    }

    [Fact]
    public void Every_line_is_a_rating_the_naive_split_also_sees()
    {
        RatingStore store = s_loaded.Value.Store;
        var expected = new Dictionary<(long, long), (float, long)>();
        foreach (string line in File.ReadLines(BundledData.Ratings).Skip(1))
        {
            string[] f = line.Split(',');
            expected.Add(
                (long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture)),
                (float.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture)));
        }

        int mismatches = 0;
        for (int p = 0; p < store.Count; p++)
        {
            Rating r = store[p];
            (float value, long time) = expected[(store.Users.GetInt64Id(r.User), store.Items.GetInt64Id(r.Item))];
            mismatches += r.Value == value && store.GetTimestamp(p) == time ? 0 : 1;
        }

        store.Count.Should().Be(expected.Count);
        mismatches.Should().Be(0);
    }

    [Fact]
    public async Task Async_read_gives_the_same_store()
    {
        LoadResult result = await RatingReader.ReadAsync(BundledData.Ratings);

        RatingStore expected = s_loaded.Value.Store;
        result.Store.Count.Should().Be(expected.Count);
        result.Store.Values.ToArray().Should().Equal(expected.Values.ToArray());
        result.Store.ItemIndices.ToArray().Should().Equal(expected.ItemIndices.ToArray());
    }
}
