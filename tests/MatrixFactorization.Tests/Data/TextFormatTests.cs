using System.IO.Compression;
using System.Text;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class TextFormatTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void MovieLens_csv_with_either_line_ending(string newline)
    {
        string text = string.Join(newline, "userId,movieId,rating,timestamp", "1,10,4.0,964982703", "1,20,3.5,964982704", "2,10,5.0,964982705") + newline;
        LoadResult result = RatingReader.Read(_folder.Write("ratings.csv", text));

        result.Report.Format.Should().Be(RatingFormat.MovieLens);
        result.Report.HasHeader.Should().BeTrue();
        result.Store.RawRatings().Should().Equal(
            ("1", "10", 4.0f, 964982703L),
            ("1", "20", 3.5f, 964982704L),
            ("2", "10", 5.0f, 964982705L));
        result.Report.LinesRead.Should().Be(4);
    }

    [Fact]
    public void Each_line_keeps_its_own_user_id_when_neighbours_share_leading_digits()
    {
        // The fast path reuses the previous line's user id when a line starts with the same bytes,
        // delimiter included. Ids that share only leading digits, or the same digits followed by
        // another delimiter byte, must still be read as written; so must a run of a new user.
        string text = "12 1 3\n12 2 3\n123 1 3\n1 1 3\n12 3 3\n12\t4 3\n120 5 3\n12 6 3\n5 1 3\n5 2 3\n7 1 3\n7 2 3\n1234567 1 3\n1234567 2 3\n12345678 1 3\n12345678 2 3\n";
        LoadResult result = RatingReader.Read(_folder.Write("shared.txt", text));

        result.Store.SortedRawRatings().Select(r => (r.User, r.Item)).Should().Equal(
            ("1", "1"),
            ("12", "1"),
            ("12", "2"),
            ("12", "3"),
            ("12", "4"),
            ("12", "6"),
            ("120", "5"),
            ("123", "1"),
            ("1234567", "1"),
            ("1234567", "2"),
            ("12345678", "1"),
            ("12345678", "2"),
            ("5", "1"),
            ("5", "2"),
            ("7", "1"),
            ("7", "2"));
    }

    [Fact]
    public void Timestamps_of_every_length_are_read_as_written()
    {
        // Eight digits are converted at once when there are at least eight: shorter, exactly
        // eight, longer, and leading zeros must all come out whole (within the store's span).
        string text = "userId,movieId,rating,timestamp\n1,1,4.0,5\n1,2,4.0,1234567\n1,3,4.0,12345678\n1,4,4.0,123456789\n"
            + "1,5,4.0,1234567890\n1,6,4.0,4000000000\n1,7,4.0,00000001\n1,8,4.0,0099999999\n";
        LoadResult result = RatingReader.Read(_folder.Write("times.csv", text));

        result.Store.SortedRawRatings().Select(r => r.Time).Should().Equal(
            5L, 1234567L, 12345678L, 123456789L, 1234567890L, 4000000000L, 1L, 99999999L);
    }

    [Fact]
    public void MovieLens_csv_without_timestamps()
    {
        LoadResult result = RatingReader.Read(_folder.Write("r.csv", "userId,movieId,rating\n7,8,2.5\n"));

        result.Report.Format.Should().Be(RatingFormat.MovieLens);
        result.Store.HasTimestamps.Should().BeFalse();
        result.Store.RawRatings().Should().Equal(("7", "8", 2.5f, (long?)null));
    }

    [Fact]
    public void Ml100k_tab_separated()
    {
        LoadResult result = RatingReader.Read(_folder.Write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n"));

        result.Report.Format.Should().Be(RatingFormat.Ml100k);
        result.Report.Delimiter.Should().Be("\t");
        result.Report.HasHeader.Should().BeFalse();
        result.Store.RawRatings().Should().Equal(("196", "242", 3f, 881250949L), ("186", "302", 3f, 891717742L));
    }

    [Fact]
    public void Dat_double_colon()
    {
        LoadResult result = RatingReader.Read(_folder.Write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n"));

        result.Report.Format.Should().Be(RatingFormat.Dat);
        result.Store.SortedRawRatings().Should().Equal(("1", "1193", 5f, 978300760L), ("1", "661", 3f, 978302109L));
    }

    [Fact]
    public void Libmf_whitespace_runs_tabs_and_padding()
    {
        LoadResult result = RatingReader.Read(_folder.Write("train.txt", "0 0 4.5\n0  1\t3\n  1 0 2.25  \n"));

        result.Report.Format.Should().Be(RatingFormat.Libmf);
        result.Store.HasTimestamps.Should().BeFalse();
        result.Store.SortedRawRatings().Should().Equal(("0", "0", 4.5f, (long?)null), ("0", "1", 3f, null), ("1", "0", 2.25f, null));
    }

    [Fact]
    public void Delimited_with_header_names_in_any_order_and_extra_columns()
    {
        string text = "score;when;sku;customer;note\n4.5;1000;A-1;alice;x\n2;2000;B-2;bob;y\n";
        LoadResult result = RatingReader.Read(_folder.Write("shop.txt", text));

        result.Report.Format.Should().Be(RatingFormat.Delimited);
        result.Report.Delimiter.Should().Be(";");
        result.Store.Users.Kind.Should().Be(IdKind.String);
        result.Store.RawRatings().Should().Equal(("alice", "A-1", 4.5f, (long?)null), ("bob", "B-2", 2f, null));
    }

    [Fact]
    public void Delimited_columns_by_name_and_index_with_dates()
    {
        string text = "when,who,what,stars\n2020-01-02T03:04:05Z,u1,i1,3\n1577934245,u2,i1,4\n";
        var options = new RatingReadOptions { UserColumn = "WHO", ItemColumn = 2, RatingColumn = "stars", TimestampColumn = 0 };
        LoadResult result = RatingReader.Read(_folder.Write("d.csv", text), options);

        result.Store.RawRatings().Should().Equal(("u1", "i1", 3f, 1577934245L), ("u2", "i1", 4f, 1577934245L));
    }

    [Fact]
    public void Delimited_quoted_string_ids_keep_commas_quotes_and_spaces()
    {
        string text = "user,item,rating\n\"a,b\",\"say \"\"hi\"\"\",1\n\" padded \",plain,2\n";
        LoadResult result = RatingReader.Read(_folder.Write("q.csv", text), new RatingReadOptions { Ids = IdKind.String });

        result.Store.RawRatings().Should().Equal(("a,b", "say \"hi\"", 1f, (long?)null), (" padded ", "plain", 2f, null));
    }

    [Fact]
    public void Delimited_without_header_uses_positions()
    {
        LoadResult result = RatingReader.Read(_folder.Write("n.csv", "5,6,1.5,100\n"), new RatingReadOptions { Format = RatingFormat.Delimited });

        result.Report.HasHeader.Should().BeFalse();
        result.Store.RawRatings().Should().Equal(("5", "6", 1.5f, 100L));
    }

    [Fact]
    public void Numbers_outside_the_fast_path_parse_exactly()
    {
        string text = "userId,movieId,rating,timestamp\n-5,123456789012345,1e-1,+17\n 3 , 4 ,0.30000001192092896, 5\n";
        LoadResult result = RatingReader.Read(_folder.Write("odd.csv", text));

        result.Store.RawRatings().Should().Equal(("-5", "123456789012345", 0.1f, 17L), ("3", "4", 0.3f, 5L));
    }

    [Fact]
    public void Fast_and_careful_paths_agree_on_every_rating_form()
    {
        string[] ratings = ["0", "5", "4.5", "0.5", "3.25", "1234567", "123.4567", "0.0000001", "9999999", ".5", "5.", "12345678", "1.23456789"];
        var text = new StringBuilder("userId,movieId,rating\n");
        for (int k = 0; k < ratings.Length; k++)
        {
            text.Append(k).Append(',').Append(k).Append(',').Append(ratings[k]).Append('\n');
        }

        RatingStore store = RatingReader.Read(_folder.Write("forms.csv", text.ToString())).Store;

        store.Values.ToArray().Should().Equal(ratings.Select(r => float.Parse(r, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Ids_of_every_length_parse_exactly()
    {
        var text = new StringBuilder();
        var expected = new List<(string, string, float, long?)>();
        long id = 0;
        for (int digits = 1; digits <= 18; digits++)
        {
            id = (id * 10) + (digits % 10);
            string user = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string item = (id + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            long time = id % 4_000_000_000;
            foreach (string padding in new[] { string.Empty, "00" })
            {
                text.Append(padding).Append(user).Append(' ').Append(padding).Append(item).Append(' ').Append(1).Append(' ').Append(padding).Append(time).Append('\n');
            }

            expected.Add((user, item, 1f, time));
        }

        LoadResult result = RatingReader.Read(_folder.Write("ids.txt", text.ToString()), new RatingReadOptions { Duplicates = DuplicatePolicy.KeepFirst });

        result.Store.RawRatings().Should().Equal(expected);
        result.Report.DuplicatesResolved.Should().Be(18);
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_not_the_name()
    {
        byte[] plain = Encoding.UTF8.GetBytes("userId,movieId,rating,timestamp\n1,2,3.0,4\n");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        LoadResult result = RatingReader.Read(_folder.Write("ratings.data", compressed.ToArray()));

        result.Report.Compressed.Should().BeTrue();
        result.Store.RawRatings().Should().Equal(("1", "2", 3f, 4L));
    }

    [Fact]
    public void Byte_order_mark_and_blank_lines_are_accounted_for()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        byte[] body = Encoding.UTF8.GetBytes("userId,movieId,rating\n\n1,2,3\n   \n1,3,4");
        LoadResult result = RatingReader.Read(_folder.Write("bom.csv", [.. bom, .. body]));

        result.Store.Count.Should().Be(2);
        result.Report.LinesRead.Should().Be(5);
        result.Report.BlankLines.Should().Be(2);
        result.Report.RatingsRead.Should().Be(2);
    }

    [Fact]
    public void Format_override_wins_over_detection()
    {
        // Without the override a tab file with four fields is ml-100k; as LIBMF, whitespace splits it the same way.
        LoadResult result = RatingReader.Read(_folder.Write("t.tsv", "1\t2\t3\t4\n"), new RatingReadOptions { Format = RatingFormat.Libmf });

        result.Report.Format.Should().Be(RatingFormat.Libmf);
        result.Store.RawRatings().Should().Equal(("1", "2", 3f, 4L));
    }

    [Fact]
    public void Ignore_timestamps_drops_them()
    {
        LoadResult result = RatingReader.Read(_folder.Write("i.csv", "userId,movieId,rating,timestamp\n1,2,3,4\n1,3,4,2020-01-01\n"), new RatingReadOptions { IgnoreTimestamps = true });

        result.Store.HasTimestamps.Should().BeFalse();
        result.Store.RawRatings().Should().Equal(("1", "2", 3f, (long?)null), ("1", "3", 4f, null));
    }

    [Fact]
    public void Lines_longer_than_the_buffer_and_many_blocks_are_read()
    {
        var text = new StringBuilder("user,item,rating\n");
        string longUser = new('u', 3 << 20);
        text.Append(longUser).Append(",i,1\n");
        for (int k = 0; k < 60_000; k++)
        {
            text.Append("user").Append(k % 97).Append(",item").Append(k).Append(",2\n");
        }

        RatingStore store = RatingReader.Read(_folder.Write("long.csv", text.ToString()), new RatingReadOptions { MaxLineLength = 4 << 20 }).Store;

        store.Count.Should().Be(60_001);
        store.Users.GetId(0).Should().Be(longUser);
    }

    [Fact]
    public async Task Streams_sync_and_async_non_seekable()
    {
        byte[] data = Encoding.UTF8.GetBytes("1 2 3\n4 5 1.5\n");
        LoadResult sync = RatingReader.Read(new ForwardOnlyStream(data), new RatingReadOptions { SourceName = "pipe" });
        LoadResult async = await RatingReader.ReadAsync(new ForwardOnlyStream(data));

        sync.Report.SourceName.Should().Be("pipe");
        async.Report.SourceName.Should().Be("stream");
        async.Store.RawRatings().Should().Equal(sync.Store.RawRatings());
    }

    [Fact]
    public async Task Async_read_honours_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Func<Task> read = () => RatingReader.ReadAsync(BundledData.Ratings, cancellationToken: cancelled.Token);

        await read.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public void Report_summary_mentions_counts()
    {
        LoadResult result = RatingReader.Read(_folder.Write("s.csv", "userId,movieId,rating\n1,2,3\n1,2,4\n"), new RatingReadOptions { Duplicates = DuplicatePolicy.KeepLast });

        result.Report.DuplicatesResolved.Should().Be(1);
        result.Report.DuplicatePairs.Should().Be(1);
        result.Report.ToString().Should().Contain("1 ratings kept of 2 read").And.Contain("1 duplicates resolved");
    }

    /// <summary>A stream that can only be read forwards, in small pieces, like a pipe.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

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
            int n = Math.Min(Math.Min(count, 3), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
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
