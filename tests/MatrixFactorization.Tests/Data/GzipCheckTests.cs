using System.IO.Compression;
using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Readers;

namespace MatrixFactorization.Tests.Data;

public sealed class GzipCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, int> Cuts => new()
    {
        { "half", -1 },
        { "no trailer", 8 },
        { "half a trailer", 4 },
        { "one byte", 1 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Cut_gzip_is_refused_naming_the_file(string cut, int dropped)
    {
        byte[] gzip = Gzip(Ratings(20_000));
        byte[] truncated = gzip[..(dropped < 0 ? gzip.Length / 2 : gzip.Length - dropped)];
        string path = _folder.Write("cut.csv.gz", truncated);

        foreach (int threads in new[] { 1, 0 })
        {
            RatingFormatException e = FluentActions.Invoking(() => RatingReader.Read(path, new RatingReadOptions { Threads = threads }))
                .Should().Throw<RatingFormatException>($"the file is cut ({cut})").Which;
            e.SourceName.Should().Be("cut.csv.gz");
            e.Problem.Should().Contain("cut short or damaged");
            e.Hint.Should().Contain("gzip -t");
        }
    }

    [Fact]
    public async Task Cut_gzip_is_refused_when_read_asynchronously()
    {
        byte[] gzip = Gzip(Ratings(20_000));
        string path = _folder.Write("cut.csv.gz", gzip[..^4]);

        RatingFormatException e = (await FluentActions.Awaiting(() => RatingReader.ReadAsync(path)).Should().ThrowAsync<RatingFormatException>()).Which;
        e.Problem.Should().Contain("cut short or damaged");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(5)]
    [InlineData(1)]
    public void A_wrong_crc_or_length_is_refused(int fromEnd)
    {
        byte[] gzip = Gzip(Ratings(2_000));
        gzip[^fromEnd] ^= 0x10;

        FluentActions.Invoking(() => RatingReader.Read(_folder.Write("crc.csv.gz", gzip)))
            .Should().Throw<RatingFormatException>().Which.SourceName.Should().Be("crc.csv.gz");
    }

    [Fact]
    public void Whole_gzip_loads_every_rating_with_members_and_zero_padding()
    {
        byte[] first = Gzip(Ratings(3_000));
        byte[] second = Gzip(Encoding.UTF8.GetBytes("9001,1,5\n9001,2,4\n"));

        RatingReader.Read(new MemoryStream(first)).Store.Count.Should().Be(3_000);
        RatingReader.Read(new MemoryStream([.. first, .. second])).Store.Count.Should().Be(3_002);
        RatingReader.Read(new MemoryStream([.. first, 0, 0, 0, 0])).Store.Count.Should().Be(3_000);
    }

    [Fact]
    public void Bytes_after_the_gzip_data_are_refused()
    {
        byte[] gzip = [.. Gzip(Ratings(3_000)), (byte)'1', (byte)',', (byte)'2'];

        FluentActions.Invoking(() => RatingReader.Read(new MemoryStream(gzip)))
            .Should().Throw<RatingFormatException>().Which.Problem.Should().Contain("after its end");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(4096)]
    public void Members_decompress_exactly_however_the_data_arrives(int chunk)
    {
        // The trailer may lie anywhere relative to the chunks the inflater is served: at the end
        // of one, across two, or in bytes not read yet. Random bytes barely compress, which puts
        // the members' ends at varied offsets.
        var random = new Random(chunk);
        byte[] a = new byte[30_000], b = new byte[5_000];
        random.NextBytes(a);
        random.NextBytes(b);
        a.AsSpan(0, 20_000).Fill((byte)'7');
        byte[] gzip = [.. Gzip(a), .. Gzip(b), .. Gzip([]), .. Gzip(a)];

        using var decompressed = new CheckedGzipStream(new Trickle(gzip, chunk));
        var all = new MemoryStream();
        decompressed.CopyTo(all);

        all.ToArray().Should().Equal([.. a, .. b, .. a]);
    }

    [Fact]
    public void A_cut_member_is_refused_however_the_data_arrives()
    {
        byte[] gzip = Gzip(new byte[50_000]);
        for (int cut = 1; cut <= 12; cut++)
        {
            using var decompressed = new CheckedGzipStream(new Trickle(gzip[..^cut], 3));
            FluentActions.Invoking(() => decompressed.CopyTo(Stream.Null))
                .Should().Throw<InvalidDataException>($"{cut} bytes are missing").Which.Message.Should().Contain("cut short");
        }
    }

    private static byte[] Ratings(int count) =>
        Encoding.UTF8.GetBytes("userId,movieId,rating\n" + string.Concat(Enumerable.Range(0, count).Select(k => $"{k / 20},{k % 20},{(k % 5) + 1}\n")));

    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Serves its bytes a few at a time, as a pipe or a slow network would.</summary>
    private sealed class Trickle(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
