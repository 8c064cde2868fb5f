using System.Text;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class BadInputTests : IDisposable
{
    private const string Header = "userId,movieId,rating,timestamp\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Malformed_rating_names_line_column_and_text()
    {
        RatingFormatException e = ReadFails("bad.csv", Header + "1,2,3.5,4\n1,3,abc,5\n");

        e.SourceName.Should().Be("bad.csv");
        e.Line.Should().Be(3);
        e.Column.Should().Be(3);
        e.Value.Should().Be("abc");
        e.Hint.Should().NotBeNullOrEmpty();
        e.Message.Should().StartWith("bad.csv:3:3: the rating is not a number 'abc'.");
    }

    [Fact]
    public void Malformed_id_suggests_string_ids()
    {
        RatingFormatException e = ReadFails("id.csv", Header + "1,2,3,4\nx7,3,4,5\n");

        (e.Line, e.Column, e.Value).Should().Be((3L, 1, "x7"));
        e.Hint.Should().Contain("IdKind.String");
    }

    [Fact]
    public void Malformed_timestamp()
    {
        RatingFormatException e = ReadFails("t.csv", Header + "1,2,3,yesterday\n");

        (e.Line, e.Column, e.Value).Should().Be((2L, 4, "yesterday"));
    }

    [Fact]
    public void Wrong_column_count()
    {
        RatingFormatException e = ReadFails("c.csv", Header + "1,2,3,4\n1,2,3\n");

        (e.Line, e.Column, e.Value).Should().Be((3L, 0, "1,2,3"));
        e.Problem.Should().Contain("expected 4 fields").And.Contain("found 3");
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Non_finite_rating(string rating)
    {
        RatingFormatException e = ReadFails("nan.csv", Header + $"1,2,{rating},4\n");

        (e.Line, e.Column, e.Value).Should().Be((2L, 3, rating));
        e.Problem.Should().Contain("not a finite number");
    }

    [Fact]
    public void Rating_outside_the_declared_scale()
    {
        RatingFormatException e = ReadFails("s.csv", Header + "1,2,4.5,4\n1,3,6,4\n", new RatingReadOptions { Scale = RatingScale.HalfStars });

        (e.Line, e.Column, e.Value).Should().Be((3L, 3, "6"));
        e.Problem.Should().Contain("outside the declared scale [0.5, 5]");
    }

    [Fact]
    public void Empty_file()
    {
        RatingFormatException e = ReadFails("empty.csv", string.Empty);

        e.Problem.Should().Be("the file is empty");
        e.SourceName.Should().Be("empty.csv");
    }

    [Fact]
    public void Blank_file()
    {
        ReadFails("blank.csv", "\n  \r\n\n").Problem.Should().Be("the file has only blank lines");
    }

    [Fact]
    public void Header_only()
    {
        RatingFormatException e = ReadFails("h.csv", Header);

        e.Problem.Should().Contain("header line but no ratings");
        e.Line.Should().Be(1);
    }

    [Fact]
    public void Nul_bytes_are_binary()
    {
        RatingFormatException e = ReadFails("bin.csv", [.. Encoding.UTF8.GetBytes(Header), 0x01, 0x00, 0x02, 0x00, (byte)'\n']);

        e.Problem.Should().Contain("binary");
        e.Line.Should().Be(2);
    }

    [Fact]
    public void Invalid_utf8_at_the_start()
    {
        RatingFormatException e = ReadFails("latin1.csv", [.. Encoding.UTF8.GetBytes("user,item,rating\n"), (byte)'J', 0xE9, (byte)'r', (byte)',', (byte)'1', (byte)',', (byte)'2', (byte)'\n']);

        e.Problem.Should().Contain("not valid UTF-8");
        e.Line.Should().Be(2);
    }

    [Fact]
    public void Invalid_utf8_in_a_later_string_id()
    {
        var text = new List<byte>(Encoding.UTF8.GetBytes("user,item,rating\n"));
        for (int k = 0; k < 20_000; k++)
        {
            text.AddRange(Encoding.UTF8.GetBytes($"u{k},i,1\n"));
        }

        text.AddRange([(byte)'u', 0xFF, (byte)',', (byte)'i', (byte)',', (byte)'1', (byte)'\n']);
        RatingFormatException e = ReadFails("late.csv", [.. text]);

        (e.Line, e.Column).Should().Be((20_002L, 1));
        e.Problem.Should().Contain("not valid UTF-8");
    }

    [Fact]
    public void Utf16_files_are_named_as_such()
    {
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("1,2,3\n")];

        ReadFails("wide.csv", utf16).Problem.Should().Contain("UTF-16");
    }

    [Fact]
    public void Random_binary_garbage_gives_a_typed_error()
    {
        var random = new Random(7);
        byte[] garbage = new byte[10_000];
        random.NextBytes(garbage);

        Action read = () => RatingReader.Read(_folder.Write("noise.bin", garbage));

        read.Should().Throw<RatingFormatException>();
    }

    [Fact]
    public void Missing_file_is_a_data_error_naming_the_path()
    {
        string path = _folder.File("nowhere.csv");

        RatingDataException e = FluentActions.Invoking(() => RatingReader.Read(path)).Should().Throw<RatingDataException>().Which;

        e.SourceName.Should().Be(path);
        e.InnerException.Should().BeOfType<FileNotFoundException>();
        e.Problem.Should().Contain("does not exist");
    }

    [Fact]
    public void Missing_folder_is_a_data_error()
    {
        string path = _folder.File(Path.Combine("no-such-folder", "r.csv"));

        FluentActions.Invoking(() => RatingReader.Read(path)).Should().Throw<RatingDataException>()
            .WithInnerException<DirectoryNotFoundException>();
    }

    [Fact]
    public void A_folder_is_not_a_file()
    {
        FluentActions.Invoking(() => RatingReader.Read(_folder.Path)).Should().Throw<RatingDataException>()
            .Which.Problem.Should().Contain("folder");
    }

    [Fact]
    public async Task Missing_file_async()
    {
        Func<Task> read = () => RatingReader.ReadAsync(_folder.File("gone.csv"));

        await read.Should().ThrowAsync<RatingDataException>();
    }

    [Fact]
    public void Wrong_delimiter_suggests_the_right_one()
    {
        RatingFormatException e = ReadFails("tabs.tsv", "userId\tmovieId\trating\ttimestamp\n1\t2\t3\t4\n", new RatingReadOptions { Format = RatingFormat.MovieLens });

        e.Line.Should().Be(1);
        e.Problem.Should().Contain("needs 3 or 4 fields separated by ','").And.Contain("has 1");
        e.Hint.Should().Contain("tab");
    }

    [Fact]
    public void Wrong_delimiter_later_in_the_file()
    {
        RatingFormatException e = ReadFails("mixed.csv", Header + "1,2,3,4\n1;3;4;5\n");

        (e.Line, e.Column).Should().Be((3L, 0));
        e.Hint.Should().Contain("';'");
    }

    [Fact]
    public void Decimal_comma_gets_a_hint()
    {
        RatingFormatException e = ReadFails("eu.csv", "user;item;rating\n1;2;3,5\n");

        (e.Line, e.Column, e.Value).Should().Be((2L, 3, "3,5"));
        e.Hint.Should().Contain("decimal point");
    }

    [Fact]
    public void Unterminated_quote()
    {
        RatingFormatException e = ReadFails("q.csv", "user,item,rating\n\"a,b,1\n", new RatingReadOptions { Ids = IdKind.String });

        (e.Line, e.Column).Should().Be((2L, 1));
        e.Problem.Should().Contain("quoted field");
    }

    [Fact]
    public void Unknown_column_name()
    {
        RatingFormatException e = ReadFails("n.csv", Header + "1,2,3,4\n", new RatingReadOptions { RatingColumn = "stars" });

        e.Problem.Should().Contain("no column named 'stars'");
        e.Hint.Should().Contain("userId, movieId, rating, timestamp");
    }

    [Fact]
    public void Column_index_beyond_the_line()
    {
        ReadFails("x.txt", "1 2 3\n", new RatingReadOptions { RatingColumn = 5 }).Problem.Should().Contain("index 5");
    }

    [Fact]
    public void Header_without_recognisable_columns()
    {
        RatingFormatException e = ReadFails("h.csv", "a,b,c\n1,2,3\n");

        e.Problem.Should().Contain("no user column");
        e.Hint.Should().Contain("a, b, c");
    }

    [Fact]
    public void Duplicates_name_both_lines_counting_header_and_blank_lines()
    {
        DuplicateRatingException e = FluentActions.Invoking(() => RatingReader.Read(_folder.Write("d.csv", Header + "1,2,3,4\n\n1,3,3,4\n1,2,5,6\n")))
            .Should().Throw<DuplicateRatingException>().Which;

        (e.User, e.Item, e.FirstLine, e.SecondLine).Should().Be(("1", "2", 2L, 5L));
        e.Message.Should().Contain("d.csv").And.Contain("lines 2 and 5");
    }

    [Fact]
    public void Duplicates_in_ungrouped_input_name_both_lines()
    {
        DuplicateRatingException e = FluentActions.Invoking(() => RatingReader.Read(_folder.Write("u.txt", "1 2 3\n2 2 3\n3 2 1\n2 9 1\n1 2 4\n")))
            .Should().Throw<DuplicateRatingException>().Which;

        (e.User, e.Item, e.FirstLine, e.SecondLine).Should().Be(("1", "2", 1L, 5L));
    }

    [Fact]
    public void Skipping_counts_and_reports_bad_lines_in_order()
    {
        string text = Header + "1,2,3,4\nx,2,3,4\n1,3,abc,4\n\n1,4,5,6\n1,5\n";
        LoadResult result = RatingReader.Read(_folder.Write("skip.csv", text), new RatingReadOptions { SkipBadLines = true, MaxErrors = 2 });

        result.Store.Count.Should().Be(2);
        LoadReport report = result.Report;
        report.LinesRead.Should().Be(7);
        report.LinesSkipped.Should().Be(3);
        report.BlankLines.Should().Be(1);
        report.RatingsRead.Should().Be(2);
        (1 + report.BlankLines + report.LinesSkipped + report.RatingsRead).Should().Be(report.LinesRead);
        report.Errors.Should().HaveCount(2);
        report.Errors[0].Should().Be(report.Errors[0] with { Line = 3, Column = 1, Value = "x" });
        report.Errors[1].Should().Be(report.Errors[1] with { Line = 4, Column = 3, Value = "abc" });
        report.ToString().Should().Contain("3 bad lines skipped").And.Contain("line 3, column 1").And.Contain("1 more");
    }

    [Fact]
    public void Skipped_lines_leave_no_ids_behind()
    {
        LoadResult result = RatingReader.Read(_folder.Write("ids.csv", Header + "1,2,3,4\n9,8,bad,4\n"), new RatingReadOptions { SkipBadLines = true });

        result.Store.UserCount.Should().Be(1);
        result.Store.ItemCount.Should().Be(1);
        result.Store.Users.TryGetIndex(9, out _).Should().BeFalse();
    }

    [Fact]
    public void Skipping_everything_is_still_an_error()
    {
        RatingFormatException e = ReadFails("all.csv", Header + "a,b,c,d\n", new RatingReadOptions { SkipBadLines = true, Ids = IdKind.Integer });

        e.Problem.Should().Contain("none of the lines");
        (e.Line, e.Column).Should().Be((2L, 1));
    }

    [Fact]
    public void Corrupt_gzip_is_a_format_error()
    {
        byte[] bytes = [0x1F, 0x8B, 0x08, 0x00, 0xDE, 0xAD, 0xBE, 0xEF, 0x00, 0x00, 0x12, 0x34, 0x56];

        FluentActions.Invoking(() => RatingReader.Read(_folder.Write("bad.gz", bytes))).Should().Throw<RatingFormatException>();
    }

    [Fact]
    public void Invalid_options_fail_where_they_are_set()
    {
        FluentActions.Invoking(() => new RatingReadOptions { Delimiter = string.Empty }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RatingReadOptions { Delimiter = "\"" }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RatingReadOptions { MaxErrors = -1 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RatingReadOptions { Format = RatingFormat.Database }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RatingReadOptions { Format = (RatingFormat)99 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new RatingReadOptions { Scale = new RatingScale(5, 1) }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RatingReadOptions { UserColumn = default(ColumnSelector) }).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new RatingReadOptions { UserColumn = -1 }).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => RatingReader.Read(_folder.Write("two.csv", Header + "1,2,3,4\n"), new RatingReadOptions { UserColumn = 1 }))
            .Should().Throw<RatingFormatException>().WithMessage("*user and item columns are both column 1*");
    }

    [Fact]
    public void Mutated_files_load_or_fail_with_a_typed_error()
    {
        // Whatever the damage, the reader says what is wrong in its own terms, never with a raw
        // FormatException or IndexOutOfRangeException from inside the parser.
        string valid = Header + string.Concat(Enumerable.Range(0, 40).Select(k => $"{k % 7},{k},{(k % 10) / 2.0 + 0.5:0.0},{964982703 + k}\n"));
        byte[] original = Encoding.UTF8.GetBytes(valid);
        byte[] alphabet = Encoding.UTF8.GetBytes("0123456789,.;:\t \r\n\"-+eE\0xyz");
        var random = new Random(12345);
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] mutated = (byte[])original.Clone();
            for (int m = random.Next(1, 6); m > 0; m--)
            {
                mutated[random.Next(mutated.Length)] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            }

            foreach (bool skip in new[] { false, true })
            {
                try
                {
                    RatingReader.Read(new MemoryStream(mutated), new RatingReadOptions { SkipBadLines = skip, Duplicates = DuplicatePolicy.Average }).Store.ShouldBeWellFormed();
                }
                catch (RatingDataException)
                {
                }
            }
        }
    }

    private RatingFormatException ReadFails(string name, string text, RatingReadOptions? options = null) =>
        ReadFails(name, Encoding.UTF8.GetBytes(text), options);

    private RatingFormatException ReadFails(string name, byte[] bytes, RatingReadOptions? options = null)
    {
        string path = _folder.Write(name, bytes);
        return FluentActions.Invoking(() => RatingReader.Read(path, options)).Should().Throw<RatingFormatException>().Which;
    }
}
