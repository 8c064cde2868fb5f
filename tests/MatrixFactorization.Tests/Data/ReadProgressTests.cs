using System.IO.Compression;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

/// <summary><see cref="RatingReadOptions.Progress"/>: the bytes of the source read so far.</summary>
public sealed class ReadProgressTests : IDisposable
{
    private const long Megabyte = 1 << 20;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_file_read_reports_rising_byte_counts_about_a_megabyte_apart_up_to_its_length(int threads)
    {
        long length = new FileInfo(BundledData.Ratings).Length;
        var seen = new Recorder();

        LoadResult result = RatingReader.Read(BundledData.Ratings, new RatingReadOptions { Threads = threads, Progress = seen });

        result.Store.Count.Should().Be(100_836);
        seen.Values.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        seen.Values[^1].Should().Be(length);
        seen.Values.Should().HaveCountGreaterThan(1, "the first block is reported, then the rest");
        seen.Values.Zip(seen.Values.Skip(1), (a, b) => b - a).SkipLast(1).All(step => step >= Megabyte).Should().BeTrue("reports come a megabyte apart but for the last");
        seen.Values.Should().HaveCountLessThanOrEqualTo((int)(length / Megabyte) + 2);
    }

    [Fact]
    public void A_gzip_file_reports_its_compressed_bytes()
    {
        string path = _folder.File("ratings.csv.gz");
        using (FileStream target = File.Create(path))
        using (var gzip = new GZipStream(target, CompressionLevel.Fastest))
        using (FileStream source = File.OpenRead(BundledData.Ratings))
        {
            source.CopyTo(gzip);
        }

        var seen = new Recorder();
        RatingReader.Read(path, new RatingReadOptions { Progress = seen }).Store.Count.Should().Be(100_836);

        seen.Values[^1].Should().Be(new FileInfo(path).Length);
        seen.Values.Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task An_async_read_of_a_stream_reports_up_to_its_length()
    {
        byte[] bytes = await File.ReadAllBytesAsync(BundledData.Ratings);
        using var stream = new MemoryStream(bytes);
        var seen = new Recorder();

        LoadResult result = await RatingReader.ReadAsync(stream, new RatingReadOptions { Progress = seen });

        result.Store.Count.Should().Be(100_836);
        seen.Values[^1].Should().Be(bytes.Length);
        seen.Values.Should().BeInAscendingOrder();
    }

    [Fact]
    public void A_file_smaller_than_a_block_is_reported_once_whole()
    {
        string path = _folder.Write("small.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.0,964981247\n");
        var seen = new Recorder();

        RatingReader.Read(path, new RatingReadOptions { Progress = seen });

        seen.Values.Should().Equal(new FileInfo(path).Length);
    }

    private sealed class Recorder : IProgress<long>
    {
        public List<long> Values { get; } = [];

        public void Report(long value) => Values.Add(value);
    }
}
