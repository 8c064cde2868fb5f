using System.Text;

namespace MatrixFactorization.Data.Readers;

/// <summary>Settles a text file's layout (format, delimiter, header, columns, id kinds) from
/// the options and the first two non-blank lines.</summary>
internal static class LayoutDetector
{
    // More columns than any rating file has: a line with more is data of another kind.
    private const int MaxFields = 256;

    private static readonly string[] s_movieLensHeader = ["userId", "movieId", "rating", "timestamp"];

    /// <summary>Detects the layout.</summary>
    /// <param name="data">The first block of the data: whole lines, after any byte order mark.</param>
    /// <param name="complete">Whether <paramref name="data"/> is all of the data; if not, an
    /// unterminated last line is ignored.</param>
    /// <param name="options">The read options.</param>
    /// <param name="source">The source name for errors.</param>
    /// <returns>The layout.</returns>
    public static TextLayout Detect(ReadOnlySpan<byte> data, bool complete, RatingReadOptions options, string source)
    {
        Span<(Range Text, long Line)> lines = stackalloc (Range, long)[2];
        int found = FirstLines(complete ? data : data[..(data.LastIndexOf((byte)'\n') + 1)], lines);
        if (found == 0 && !complete)
        {
            throw new RatingFormatException(
                $"no line ends within the first {ChunkBuffer.SizeText(data.Length)}",
                source,
                1,
                hint: "Rating lines are short; this is probably not a rating file, or its line breaks are lone carriage returns. The MaxLineLength read option sets the longest line.");
        }

        if (found == 0)
        {
            throw new RatingFormatException(
                data.IsEmpty ? "the file is empty" : "the file has only blank lines",
                source,
                hint: "Check that the path points at the rating file and that it was written completely.");
        }

        ReadOnlySpan<byte> first = data[lines[0].Text];
        ReadOnlySpan<byte> second = found > 1 ? data[lines[1].Text] : default;
        if (first.IndexOf((byte)'\r') is int cr and >= 0)
        {
            throw new RatingFormatException(
                "the line breaks are lone carriage returns (CR, as old Mac files have), which no reader takes for line breaks, so the lines run together",
                source,
                lines[0].Line,
                value: Encoding.UTF8.GetString(first[..Math.Min(first.Length, cr + 40)]),
                hint: "Convert the line breaks to LF or CRLF, for example with tr '\\r' '\\n' < old.csv > new.csv.");
        }

        (DelimiterKind kind, byte[] bytes) = options.Delimiter is string d
            ? DelimiterGuess.FromText(d)
            : DelimiterGuess.ForFormat(options.Format) ?? DelimiterGuess.Guess(first, second, found > 1);

        string[] firstFields = Fields(first, kind, bytes, source, lines[0].Line);
        bool headerAllowed = options.Format is RatingFormat.Auto or RatingFormat.MovieLens or RatingFormat.Delimited;
        bool header = options.HasHeader ?? (headerAllowed && LooksLikeHeader(firstFields));
        RatingFormat format = options.Format != RatingFormat.Auto ? options.Format : GuessFormat(kind, bytes, header, firstFields);
        string[]? names = header ? firstFields : null;
        bool hasData = found > (header ? 1 : 0);
        ReadOnlySpan<byte> dataLine = header ? second : first;
        long referenceLine = lines[0].Line;

        int count = firstFields.Length;
        (int min, int max) = format switch
        {
            RatingFormat.MovieLens or RatingFormat.Libmf => (3, 4),
            RatingFormat.Ml100k or RatingFormat.Dat => (4, 4),
            _ => (1, int.MaxValue),
        };

        var draft = new TextLayout
        {
            Format = format,
            Kind = kind,
            Delimiter = bytes,
            HasHeader = header,
            FieldCount = count,
            UserColumn = 0,
            ItemColumn = 1,
            RatingColumn = 2,
            TimestampColumn = -1,
            UserIds = IdKind.Integer,
            ItemIds = IdKind.Integer,
            Quotes = format is RatingFormat.Delimited or RatingFormat.MovieLens && kind != DelimiterKind.Whitespace,
        };
        if (count < min || count > max)
        {
            string expected = min == max ? $"{min}" : $"{min} or {max}";
            throw new RatingFormatException(
                $"a {format} line needs {expected} fields separated by {draft.DelimiterName}, but this one has {count}",
                source,
                referenceLine,
                value: Encoding.UTF8.GetString(first),
                hint: DelimiterGuess.Suggest(first, draft));
        }

        var columns = new ColumnResolver(names, count, format == RatingFormat.Delimited && header, source, referenceLine, Encoding.UTF8.GetString(first));
        int user = columns.Resolve(options.UserColumn, "user", ColumnAliases.User, 0);
        int item = columns.Resolve(options.ItemColumn, "item", ColumnAliases.Item, 1);
        int rating = columns.Resolve(options.RatingColumn, "rating", ColumnAliases.Rating, 2);
        int time = options.IgnoreTimestamps ? -1 : columns.Resolve(options.TimestampColumn, "timestamp", ColumnAliases.Timestamp, count >= 4 ? 3 : -1);
        columns.EnsureDistinct(user, item, rating, time);

        string[] values = hasData ? Fields(dataLine, kind, bytes, source, lines[header ? 1 : 0].Line) : [];
        return new TextLayout
        {
            Format = format,
            Kind = kind,
            Delimiter = bytes,
            HasHeader = header,
            FieldCount = count,
            UserColumn = user,
            ItemColumn = item,
            RatingColumn = rating,
            TimestampColumn = time,
            UserIds = options.Ids ?? KindOf(values, user),
            ItemIds = options.Ids ?? KindOf(values, item),
            Quotes = draft.Quotes,
        };
    }

    private static RatingFormat GuessFormat(DelimiterKind kind, byte[] bytes, bool header, string[] fields)
    {
        if (kind == DelimiterKind.Text && bytes.AsSpan().SequenceEqual("::"u8))
        {
            return header ? RatingFormat.Delimited : RatingFormat.Dat;
        }

        if (header)
        {
            bool movieLens = bytes.AsSpan().SequenceEqual(","u8)
                && fields.Length is 3 or 4
                && fields.AsSpan().SequenceEqual(s_movieLensHeader.AsSpan(0, fields.Length), StringComparer.OrdinalIgnoreCase);
            return movieLens ? RatingFormat.MovieLens : RatingFormat.Delimited;
        }

        if (kind == DelimiterKind.Byte && bytes[0] == '\t' && fields.Length == 4)
        {
            return RatingFormat.Ml100k;
        }

        return kind == DelimiterKind.Whitespace ? RatingFormat.Libmf : RatingFormat.Delimited;
    }

    // A header is a line on which no field is a number.
    private static bool LooksLikeHeader(string[] fields)
    {
        foreach (string field in fields)
        {
            if (float.TryParse(field, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return true;
    }

    private static IdKind KindOf(string[] values, int column) =>
        column >= values.Length || long.TryParse(values[column], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? IdKind.Integer
            : IdKind.String;

    private static string[] Fields(ReadOnlySpan<byte> line, DelimiterKind kind, byte[] bytes, string source, long number)
    {
        var layout = new TextLayout
        {
            Format = RatingFormat.Delimited,
            Kind = kind,
            Delimiter = bytes,
            HasHeader = false,
            FieldCount = 0,
            UserColumn = 0,
            ItemColumn = 1,
            RatingColumn = 2,
            TimestampColumn = -1,
            UserIds = IdKind.Integer,
            ItemIds = IdKind.Integer,
            Quotes = kind != DelimiterKind.Whitespace,
        };
        Span<Range> ranges = stackalloc Range[MaxFields];
        int count = FieldSplitter.Split(line, layout, ranges, out _);
        if (count > MaxFields)
        {
            throw new RatingFormatException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the line has {count} fields, more than the {MaxFields} a rating file's lines may have"),
                source,
                number,
                value: Encoding.UTF8.GetString(line[..Math.Min(line.Length, 200)]),
                hint: "Rating lines hold a user, an item, a rating and a few more columns; check the delimiter (the Delimiter option), or whether this is a rating file.");
        }

        var fields = new string[count];
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<byte> field = line[ranges[k]];
            string text = Encoding.UTF8.GetString(field).Trim();
            fields[k] = FieldSplitter.NeedsUnescape(field) ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : text;
        }

        return fields;
    }

    // The first non-blank lines, without line breaks, with their 1-based line numbers.
    private static int FirstLines(ReadOnlySpan<byte> data, Span<(Range Text, long Line)> lines)
    {
        int found = 0;
        int p = 0;
        long number = 0;
        while (p < data.Length && found < lines.Length)
        {
            int nl = data[p..].IndexOf((byte)'\n');
            int end = nl < 0 ? data.Length : p + nl;
            number++;
            int textEnd = end > p && data[end - 1] == '\r' ? end - 1 : end;
            if (!data[p..textEnd].Trim(" \t"u8).IsEmpty)
            {
                lines[found++] = (p..textEnd, number);
            }

            p = end + 1;
        }

        return found;
    }
}
