using System.Globalization;
using System.IO.Compression;
using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Readers;

namespace MatrixFactorization.Tests.Data;

/// <summary>A read that parses blocks on other threads must give exactly what a read on one
/// thread gives: the same store, id order, report, skipped lines and first error.</summary>
public sealed class ParallelReadTests
{
    // Small blocks, so that a file of a few hundred kilobytes spans a hundred of them and user
    // rows, duplicates and bad lines fall in different blocks.
    private const int BlockSize = 4096;

    [Theory]
    [InlineData(DuplicatePolicy.KeepLast)]
    [InlineData(DuplicatePolicy.Average)]
    [InlineData(DuplicatePolicy.KeepFirst)]
    public void Parallel_read_equals_sequential_read(DuplicatePolicy policy)
    {
        GeneratedFile file = Generate(seed: 3, badLines: true, lateRepeats: true);
        var options = new RatingReadOptions { Duplicates = policy, SkipBadLines = true, MaxErrors = 1000 };

        LoadResult sequential = Read(file.Bytes, options, parallel: false);
        LoadResult parallel = Read(file.Bytes, options, parallel: true);

        ShouldBeSame(parallel, sequential);

        // What the generator knows, independently of either read.
        parallel.Report.LinesRead.Should().Be(file.Lines);
        parallel.Report.BlankLines.Should().Be(file.BlankLines);
        parallel.Report.Errors.Select(e => e.Line).Should().Equal(file.BadLines);
        parallel.Report.LinesSkipped.Should().Be(file.BadLines.Count);
        parallel.Store.Count.Should().Be(file.DistinctPairs);
        Enumerable.Range(0, parallel.Store.UserCount).Select(u => parallel.Store.Users.GetInt64Id(u)).Should().Equal(file.UserOrder);
        parallel.Store.ShouldBeWellFormed();
    }

    [Fact]
    public void Parallel_read_of_a_file_grouped_by_user_equals_sequential_read()
    {
        GeneratedFile file = Generate(seed: 4, badLines: false, lateRepeats: false);
        var options = new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast };

        LoadResult parallel = Read(file.Bytes, options, parallel: true);

        ShouldBeSame(parallel, Read(file.Bytes, options, parallel: false));
        parallel.Store.Count.Should().Be(file.DistinctPairs);
        parallel.Store.HasTimestamps.Should().BeTrue();
    }

    [Fact]
    public void Gzip_data_read_in_parallel_equals_plain_data()
    {
        GeneratedFile file = Generate(seed: 5, badLines: true, lateRepeats: true);
        var options = new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast, SkipBadLines = true, MaxErrors = 1000 };
        var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(file.Bytes);
        }

        LoadResult plain = Read(file.Bytes, options, parallel: false);
        LoadResult unpacked = TextRatingLoader.Load(new MemoryStream(packed.ToArray()), options, "gen.csv", parallel: true, BlockSize);

        unpacked.Store.RawRatings().Should().Equal(plain.Store.RawRatings());
        unpacked.Report.Errors.Should().Equal(plain.Report.Errors);
    }

    [Fact]
    public void The_first_bad_line_stops_a_parallel_read_at_its_line()
    {
        GeneratedFile file = Generate(seed: 6, badLines: true, lateRepeats: false);

        Action read = () => Read(file.Bytes, new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast }, parallel: true);

        RatingFormatException error = read.Should().Throw<RatingFormatException>().Which;
        error.Line.Should().Be(file.BadLines[0]);
        error.Column.Should().Be(1);
    }

    [Fact]
    public void A_parallel_read_details_the_same_first_skipped_lines_and_counts_them_all()
    {
        GeneratedFile file = Generate(seed: 7, badLines: true, lateRepeats: false);
        var options = new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast, SkipBadLines = true, MaxErrors = 3 };

        LoadResult parallel = Read(file.Bytes, options, parallel: true);

        ShouldBeSame(parallel, Read(file.Bytes, options, parallel: false));
        parallel.Report.Errors.Select(e => e.Line).Should().Equal(file.BadLines.Take(3));
        parallel.Report.LinesSkipped.Should().Be(file.BadLines.Count);
    }

    [Fact]
    public void A_repeated_pair_is_named_by_the_same_lines_in_parallel()
    {
        GeneratedFile file = Generate(seed: 8, badLines: false, lateRepeats: true);

        Action sequential = () => Read(file.Bytes, RatingReadOptions.Default, parallel: false);
        Action parallel = () => Read(file.Bytes, RatingReadOptions.Default, parallel: true);

        DuplicateRatingException expected = sequential.Should().Throw<DuplicateRatingException>().Which;
        DuplicateRatingException actual = parallel.Should().Throw<DuplicateRatingException>().Which;
        (actual.FirstLine, actual.SecondLine).Should().Be((expected.FirstLine, expected.SecondLine));
        file.RepeatLines.Should().Contain((actual.FirstLine, actual.SecondLine));
    }

    [Fact]
    public void A_line_longer_than_a_block_is_read_in_parallel_as_sequentially()
    {
        GeneratedFile file = Generate(seed: 10, badLines: false, lateRepeats: false);
        string text = Encoding.UTF8.GetString(file.Bytes);
        int middle = text.IndexOf('\n', text.Length / 2) + 1;
        long longLine = text[..middle].Count(c => c == '\n') + 1;
        byte[] bytes = Encoding.UTF8.GetBytes(text[..middle] + new string('x', 3 * BlockSize) + "\n" + text[middle..]);
        var options = new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast, SkipBadLines = true };

        LoadResult parallel = Read(bytes, options, parallel: true);

        ShouldBeSame(parallel, Read(bytes, options, parallel: false));
        parallel.Report.Errors.Should().ContainSingle().Which.Line.Should().Be(longLine);
    }

    [Fact]
    public void Corrupt_gzip_data_stops_a_parallel_read_at_the_same_line()
    {
        GeneratedFile file = Generate(seed: 11, badLines: false, lateRepeats: false);
        var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(file.Bytes);
        }

        byte[] corrupt = packed.ToArray();
        for (int k = corrupt.Length / 2; k < (corrupt.Length / 2) + 64; k++)
        {
            corrupt[k] ^= 0x5A;
        }

        var options = new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast };
        Action sequential = () => TextRatingLoader.Load(new MemoryStream(corrupt), options, "gen.csv.gz", parallel: false, BlockSize);
        Action parallel = () => TextRatingLoader.Load(new MemoryStream(corrupt), options, "gen.csv.gz", parallel: true, BlockSize);

        RatingFormatException expected = sequential.Should().Throw<RatingFormatException>().Which;
        RatingFormatException actual = parallel.Should().Throw<RatingFormatException>().Which;
        actual.Message.Should().Be(expected.Message).And.Contain("gzip");
        actual.Line.Should().Be(expected.Line).And.BeGreaterThan(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_thread_limit_gives_the_store_of_a_read_on_all_cores(int threads)
    {
        // Enough ratings in default blocks for several blocks to be parsed ahead and for rows to
        // be sorted on other threads (from 2^18 ratings), items in no order within a user and
        // some pairs repeated.
        var random = new Random(threads);
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int user = 1; user <= 3000; user++)
        {
            for (int k = 0; k < 100; k++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{user},{random.Next(1, 5000)},{random.Next(1, 11) / 2.0},{random.Next(900_000_000, 1_500_000_000)}\n");
            }
        }

        byte[] bytes = Encoding.UTF8.GetBytes(text.ToString());
        var limited = new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast, Threads = threads };

        LoadResult actual = RatingReader.Read(new MemoryStream(bytes), limited);

        ShouldBeSame(actual, RatingReader.Read(new MemoryStream(bytes), limited with { Threads = 0 }));
        actual.Store.Count.Should().BeGreaterThan(1 << 18);
        actual.Report.DuplicatesResolved.Should().BePositive();
    }

    [Fact]
    public void A_negative_thread_count_is_refused()
    {
        FluentActions.Invoking(() => new RatingReadOptions { Threads = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Threads");
        FluentActions.Invoking(() => new RatingStoreBuilder { Threads = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Threads");
    }

    private static LoadResult Read(byte[] bytes, RatingReadOptions options, bool parallel) =>
        TextRatingLoader.Load(new MemoryStream(bytes), options, "gen.csv", parallel, BlockSize);

    private static void ShouldBeSame(LoadResult actual, LoadResult expected)
    {
        RatingStore a = actual.Store, e = expected.Store;
        a.UserOffsets.ToArray().Should().Equal(e.UserOffsets.ToArray());
        a.ItemIndices.ToArray().Should().Equal(e.ItemIndices.ToArray());
        a.Values.ToArray().Should().Equal(e.Values.ToArray());
        a.RawRatings().Should().Equal(e.RawRatings());
        Enumerable.Range(0, a.ItemCount).Select(a.Items.GetId).Should().Equal(Enumerable.Range(0, e.ItemCount).Select(e.Items.GetId));
        actual.Report.Should().BeEquivalentTo(expected.Report, o => o.Excluding(r => r.Elapsed).Excluding(r => r.RatingsPerSecond));
    }

    private sealed record GeneratedFile(
        byte[] Bytes,
        long Lines,
        long BlankLines,
        List<long> BadLines,
        int DistinctPairs,
        List<long> UserOrder,
        List<(long First, long Second)> RepeatLines);

    // A MovieLens-like csv with a header and timestamps: users in random order, each with items
    // in random order, and on the way lines the fast path leaves to the careful one (blank
    // lines, CRLF endings, exponents), bad lines and repeated pairs, at line numbers noted here.
    private static GeneratedFile Generate(int seed, bool badLines, bool lateRepeats)
    {
        var random = new Random(seed);
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        long line = 1;
        long blanks = 0;
        var bad = new List<long>();
        var pairs = new Dictionary<(long, long), long>();
        var repeats = new List<(long, long)>();
        var userOrder = new List<long>();
        var rows = new List<(long User, long Item)>();
        long[] users = [.. Enumerable.Range(0, 300).Select(_ => (long)random.Next(1, 1_000_000)).Distinct()];
        void Rating(long user, long item, string value)
        {
            line++;
            text.Append(CultureInfo.InvariantCulture, $"{user},{item},{value},{1_100_000_000 + random.Next(100_000_000)}");
            text.Append(random.Next(50) == 0 ? "\r\n" : "\n");
            if (pairs.TryGetValue((user, item), out long first))
            {
                repeats.Add((first, line));
            }
            else
            {
                pairs[(user, item)] = line;
            }

            if (!userOrder.Contains(user))
            {
                userOrder.Add(user);
            }
        }

        foreach (long user in users)
        {
            int count = random.Next(5, 60);
            foreach (long item in Enumerable.Range(0, count).Select(_ => (long)random.Next(1, 20_000)).Distinct())
            {
                Rating(user, item, (random.Next(1, 11) / 2.0).ToString("0.0", CultureInfo.InvariantCulture));
                rows.Add((user, item));
                switch (random.Next(60))
                {
                    case 0:
                        line++;
                        blanks++;
                        text.Append('\n');
                        break;
                    case 1 when badLines:
                        line++;
                        bad.Add(line);
                        text.Append(CultureInfo.InvariantCulture, $"u{user},{item},3.0,1100000000\n");
                        break;
                    case 2:
                        (long u, long i) = rows[random.Next(rows.Count)];
                        if (u == user)
                        {
                            Rating(u, i, "2.5");
                        }

                        break;
                    case 3:
                        Rating(user, random.Next(20_000, 30_000), "45e-1");
                        break;
                    default:
                        break;
                }
            }
        }

        if (lateRepeats)
        {
            for (int k = 0; k < 20; k++)
            {
                (long u, long i) = rows[random.Next(rows.Count)];
                Rating(u, i, "1.5");
            }
        }

        return new GeneratedFile(Encoding.UTF8.GetBytes(text.ToString()), line, blanks, bad, pairs.Count, userOrder, repeats);
    }
}
