using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Tests.Data.Synthetic;

/// <summary>The progress that <see cref="SyntheticRatingGenerator.WriteLibmf(Stream, IProgress{long})"/> reports.</summary>
public sealed class SyntheticProgressTests
{
    [Fact]
    public void Writing_reports_the_ratings_written_after_each_chunk_up_to_all_of_them()
    {
        var options = SyntheticOptions.Small with { Ratings = 300_000, Seed = 3 };
        var seen = new Recorder();
        using var stream = new MemoryStream();

        new SyntheticRatingGenerator(options).WriteLibmf(stream, seen);

        seen.Values.Should().HaveCountGreaterThan(2, "chunks hold about 65,000 ratings").And.BeInAscendingOrder().And.OnlyHaveUniqueItems();
        seen.Values[^1].Should().Be(300_000);
        seen.Values[0].Should().BeGreaterThanOrEqualTo(1 << 16);
    }

    [Fact]
    public void The_file_is_the_same_with_or_without_progress()
    {
        var options = SyntheticOptions.Small with { Ratings = 100_000, Seed = 4 };
        using var plain = new MemoryStream();
        using var watched = new MemoryStream();

        new SyntheticRatingGenerator(options).WriteLibmf(plain);
        new SyntheticRatingGenerator(options).WriteLibmf(watched, new Recorder());

        watched.ToArray().Should().Equal(plain.ToArray());
    }

    private sealed class Recorder : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
