using System.Text;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class HostileInputTests : IDisposable
{
    private const string Header = "userId,movieId,rating\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_duplicate_in_data_sorted_by_user_stops_the_read_there()
    {
        // 64 MB of ratings follow the duplicate; a read that stops there takes a few blocks.
        using var data = new GeneratedLines("userId,movieId,rating\n1,1,4.0\n1,1,4.0\n", k => $"{(k / 50) + 2},{k % 50},3\n", 64 << 20);

        DuplicateRatingException e = FluentActions.Invoking(() => RatingReader.Read(data))
            .Should().Throw<DuplicateRatingException>().Which;

        (e.User, e.Item, e.FirstLine, e.SecondLine).Should().Be(("1", "1", 2L, 3L));
        data.BytesServed.Should().BeLessThan(16 << 20);
    }

    [Fact]
    public void A_duplicate_the_fast_path_misses_is_found_as_it_arrives_too()
    {
        // String ids take the careful path, rating by rating.
        DuplicateRatingException e = FluentActions.Invoking(() => RatingReader.Read(_folder.Write("s.csv", "user,item,rating\na,x,1\na,y,2\nb,x,3\nb,z,1\nb,x,2\n")))
            .Should().Throw<DuplicateRatingException>().Which;

        (e.User, e.Item, e.FirstLine, e.SecondLine).Should().Be(("b", "x", 4L, 6L));
    }

    [Fact]
    public void A_duplicate_across_runs_of_a_user_is_still_found_with_both_lines()
    {
        DuplicateRatingException e = FluentActions.Invoking(() => RatingReader.Read(_folder.Write("r.csv", Header + "1,1,4\n1,2,4\n2,1,3\n1,1,5\n2,2,1\n")))
            .Should().Throw<DuplicateRatingException>().Which;

        (e.User, e.Item, e.FirstLine, e.SecondLine).Should().Be(("1", "1", 2L, 5L));
    }

    [Fact]
    public void Duplicates_are_merged_not_refused_under_other_policies()
    {
        LoadResult result = RatingReader.Read(_folder.Write("k.csv", Header + "1,1,4\n1,1,2\n1,2,4\n"), new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast });

        (result.Store.Count, result.Report.DuplicatesResolved).Should().Be((2, 1L));
    }

    [Fact]
    public void A_nul_byte_far_into_the_file_is_binary_data()
    {
        var text = new StringBuilder("user,item,rating\n");
        for (int k = 0; k < 20_000; k++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{k},i{k},4\n");
        }

        text.Append("u\0x,i1,4\n");
        string path = _folder.Write("nul.csv", text.ToString());

        RatingFormatException e = FluentActions.Invoking(() => RatingReader.Read(path)).Should().Throw<RatingFormatException>().Which;
        (e.SourceName, e.Line, e.Column, e.Value).Should().Be(("nul.csv", 20_002L, 1, "u\0x"));
        e.Problem.Should().Contain("NUL byte");
        e.Hint.Should().NotBeNullOrEmpty();

        LoadResult skipped = RatingReader.Read(path, new RatingReadOptions { SkipBadLines = true });
        (skipped.Store.Count, skipped.Report.LinesSkipped).Should().Be((20_000, 1L));
    }

    [Fact]
    public void A_nul_byte_in_a_number_is_binary_data_too()
    {
        // Past the first 64 KB, which are checked as a whole before any line is read.
        string lines = string.Concat(Enumerable.Range(0, 10_000).Select(k => $"1,{k},3\n"));
        RatingFormatException e = ReadFails("n.csv", Header + lines + "2,2,3\n2,3,4\0\n");

        (e.Line, e.Column).Should().Be((10_003L, 3));
        e.Problem.Should().Contain("NUL byte");
    }

    [Theory]
    [InlineData("1e-50")]
    [InlineData("0.00000000000000000000000000000000000000000000000001")]
    [InlineData("-1E-46")]
    [InlineData("7e-1000")]
    public void A_rating_too_close_to_zero_for_a_float_is_refused(string rating)
    {
        RatingFormatException e = ReadFails("tiny.csv", Header + $"1,2,3\n1,3,{rating}\n");

        (e.SourceName, e.Line, e.Column, e.Value).Should().Be(("tiny.csv", 3L, 3, rating));
        e.Problem.Should().Contain("too close to zero");
        e.Hint.Should().Contain("1.4e-45");
    }

    [Theory]
    [InlineData("0e-50", 0f)]
    [InlineData("0.000", 0f)]
    [InlineData("1.5e-30", 1.5e-30f)]
    [InlineData("1e-40", 1e-40f)]
    [InlineData("1.4e-45", float.Epsilon)]
    public void Zero_and_small_normal_ratings_load(string rating, float expected)
    {
        RatingReader.Read(_folder.Write("z.csv", Header + $"1,2,{rating}\n")).Store.GetUserRatings(0).Values[0].Should().Be(expected);
    }

    [Fact]
    public void A_rating_too_large_for_a_float_is_refused()
    {
        RatingFormatException e = ReadFails("big.csv", Header + "1,2,3e38\n1,3,4e38\n");

        (e.Line, e.Column, e.Value).Should().Be((3L, 3, "4e38"));
        e.Problem.Should().Contain("not a finite number").And.Contain("3.4e38");
    }

    [Fact]
    public void Lone_carriage_returns_are_named_as_the_line_breaks()
    {
        string lines = Header + string.Concat(Enumerable.Range(0, 500).Select(k => $"{k},{k},4\n"));
        RatingFormatException e = ReadFails("mac.csv", lines.Replace('\n', '\r'));

        e.Line.Should().Be(1);
        e.Problem.Should().Contain("lone carriage returns").And.NotContain("256");
        e.Hint.Should().Contain("LF");
    }

    [Fact]
    public void A_lone_carriage_return_later_in_the_file_is_named()
    {
        RatingFormatException e = ReadFails("late.csv", Header + "1,2,3\n1,3,4\r1,4,5\r\n");

        (e.Line, e.Column).Should().Be((3L, 3));
        e.Problem.Should().Contain("carriage return");
    }

    [Fact]
    public void A_first_line_of_too_many_fields_says_so()
    {
        RatingFormatException e = ReadFails("wide.csv", string.Join(',', Enumerable.Range(0, 300)) + "\n1,2,3\n");

        e.Line.Should().Be(1);
        e.Problem.Should().Contain("300 fields").And.Contain("256");
    }

    [Fact]
    public void A_line_longer_than_the_limit_is_refused_before_it_is_held()
    {
        string path = _folder.Write("long.csv", Header + "1,2,3\n1," + new string('x', 3 << 20) + ",3\n1,4,5\n");

        RatingFormatException e = FluentActions.Invoking(() => RatingReader.Read(path)).Should().Throw<RatingFormatException>().Which;
        e.Line.Should().Be(3);
        e.Problem.Should().Contain("longer than 1 MB");
        e.Hint.Should().Contain("MaxLineLength");

        RatingReader.Read(path, new RatingReadOptions { MaxLineLength = 4 << 20, SkipBadLines = true }).Store.Count.Should().Be(2);
    }

    [Fact]
    public void Data_without_line_breaks_stops_at_the_default_line_limit()
    {
        // 8 MB in one line: the default limit, 1 MB, stops it at the first buffer.
        using var data = new GeneratedLines("1,2,3\n", _ => "7777777777", 8 << 20);

        RatingFormatException e = FluentActions.Invoking(() => RatingReader.Read(data)).Should().Throw<RatingFormatException>().Which;
        e.Problem.Should().Contain("1 MB");
        data.BytesServed.Should().BeLessThan(4 << 20);
    }

    [Theory]
    [InlineData("userId,movieId,rating\n", 7L)]
    [InlineData("user,item,rating\n", 7L)]
    public void More_ratings_than_the_limit_are_refused_at_the_first_line_beyond(string header, long line)
    {
        string ids = header.StartsWith("user,", StringComparison.Ordinal) ? "u" : string.Empty;
        string text = header + string.Concat(Enumerable.Range(0, 10).Select(k => $"{ids}{k},{k},4\n"));

        RatingDataException e = FluentActions.Invoking(() => RatingReader.Read(_folder.Write("many.csv", text), new RatingReadOptions { MaxRatings = 5 }))
            .Should().Throw<RatingDataException>().Which;
        (e.SourceName, e.Line).Should().Be(("many.csv", line));
        e.Problem.Should().Contain("more than 5 ratings");
        e.Hint.Should().Contain("MaxRatings");

        RatingReader.Read(_folder.Write("ten.csv", text), new RatingReadOptions { MaxRatings = 10 }).Store.Count.Should().Be(10);
    }

    [Fact]
    public void Limits_are_checked_where_they_are_set()
    {
        FluentActions.Invoking(() => new RatingReadOptions { MaxLineLength = (1 << 20) - 1 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RatingReadOptions { MaxLineLength = (1 << 30) + 1 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RatingReadOptions { MaxRatings = 0 }).Should().Throw<ArgumentOutOfRangeException>();
        new RatingReadOptions().MaxLineLength.Should().Be(1 << 20);
        new RatingReadOptions().MaxRatings.Should().Be(Array.MaxLength);
    }

    private RatingFormatException ReadFails(string name, string text)
    {
        string path = _folder.Write(name, text);
        return FluentActions.Invoking(() => RatingReader.Read(path)).Should().Throw<RatingFormatException>().Which;
    }

    /// <summary>A head, then generated lines, up to a length, counting the bytes it serves, so
    /// that a test can tell a reader that stopped early from one that read on.</summary>
    private sealed class GeneratedLines(string head, Func<int, string> line, long length) : Stream
    {
        private readonly List<byte> _pending = [.. Encoding.UTF8.GetBytes(head)];
        private int _next;

        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_pending.Count < count && BytesServed + _pending.Count < length)
            {
                _pending.AddRange(Encoding.UTF8.GetBytes(line(_next++)));
            }

            int n = (int)Math.Min(Math.Min(count, _pending.Count), length - BytesServed);
            _pending.CopyTo(0, buffer, offset, n);
            _pending.RemoveRange(0, n);
            BytesServed += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
