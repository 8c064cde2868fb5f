using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace MatrixFactorization.Data.Readers;

/// <summary>The careful path: one line at a time, every field checked, every problem reported
/// with its line, column and text. Ids are added to the maps only once the whole line is good,
/// so a skipped line leaves no trace in the store.</summary>
internal sealed partial class TextRatingParser
{
    private void ReadLine(ReadOnlySpan<byte> text, long line)
    {
        if (!text.IsEmpty && text[^1] == '\r')
        {
            text = text[..^1];
        }

        if (text.Trim(" \t"u8).IsEmpty)
        {
            BlankLines++;
            return;
        }

        if (_headerPending)
        {
            _headerPending = false;
            return;
        }

        // One range more than needed, so that an extra field is counted, not lost.
        int capacity = _layout.FieldCount + 1;
        Span<Range> fields = capacity <= 256 ? stackalloc Range[capacity] : new Range[capacity];
        int count = FieldSplitter.Split(text, _layout, fields, out int badQuote);
        if (text.IndexOfAny((byte)0, (byte)'\r') is int odd and >= 0)
        {
            ReportOddByte(text, odd, fields[..Math.Min(count, fields.Length)], line);
            return;
        }

        if (badQuote > 0)
        {
            Report(line, badQuote, "a quoted field is not closed before the end of the line", text, "Quoted fields cannot span lines; close the quote or escape inner quotes by doubling them.");
            return;
        }

        if (count != _layout.FieldCount)
        {
            string problem = string.Create(CultureInfo.InvariantCulture, $"expected {_layout.FieldCount} fields separated by {_layout.DelimiterName}, found {count}");
            Report(line, 0, problem, text, DelimiterGuess.Suggest(text, _layout));
            return;
        }

        Span<char> userChars = stackalloc char[256];
        Span<char> itemChars = stackalloc char[256];
        if (!TryReadId(text, fields[_layout.UserColumn], _layout.UserIds, "user", _layout.UserColumn, line, ref userChars, out long rawUser)
            || !TryReadId(text, fields[_layout.ItemColumn], _layout.ItemIds, "item", _layout.ItemColumn, line, ref itemChars, out long rawItem)
            || !TryReadRating(text[fields[_layout.RatingColumn]], line, out float rating))
        {
            return;
        }

        long time = 0;
        if (_timed && !TryReadTimestamp(text[fields[_layout.TimestampColumn]], line, out time))
        {
            return;
        }

        int user = _layout.UserIds == IdKind.Integer ? _users.GetOrAdd(rawUser) : _users.GetOrAdd(userChars);
        int item = _layout.ItemIds == IdKind.Integer ? _items.GetOrAdd(rawItem) : _items.GetOrAdd(itemChars);
        if (_timed)
        {
            _builder.AddIndexed(user, item, rating, time, line);
        }
        else
        {
            _builder.AddIndexed(user, item, rating, line);
        }
    }

    // Integer ids come back in `value`; string ids in `chars`, cut to the decoded id. Unquoted
    // string ids are trimmed; quoted ones are taken as they are, so any id can be written.
    private bool TryReadId(ReadOnlySpan<byte> text, Range range, IdKind kind, string role, int column, long line, ref Span<char> chars, out long value)
    {
        ReadOnlySpan<byte> field = text[range];
        int start = range.Start.GetOffset(text.Length);
        bool quoted = _layout.Quotes && start > 0 && text[start - 1] == '"';
        value = 0;
        if (kind == IdKind.Integer)
        {
            if (Utf8Numbers.TryParseInt64(field, out value))
            {
                return true;
            }

            string hint = field.Trim(" \t"u8).IsEmpty
                ? $"Every rating needs a {role} id."
                : $"This file's {role} ids are integers (as detected from the first rating or set by Ids); set Ids = IdKind.String to read ids as text.";
            Report(line, column + 1, $"the {role} id is not an integer", field, hint);
            return false;
        }

        ReadOnlySpan<byte> trimmed = quoted ? field : field.Trim(" \t"u8);
        if (trimmed.IsEmpty)
        {
            Report(line, column + 1, $"the {role} id is empty", field, $"Every rating needs a {role} id.");
            return false;
        }

        if (trimmed.Length > chars.Length)
        {
            chars = new char[trimmed.Length];
        }

        if (Utf8.ToUtf16(trimmed, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            Report(line, column + 1, $"the {role} id is not valid UTF-8 text", field, "Rating files must be UTF-8; convert the file or fix the id.");
            return false;
        }

        chars = chars[..written];
        if (quoted && FieldSplitter.NeedsUnescape(trimmed))
        {
            chars = new string(chars).Replace("\"\"", "\"", StringComparison.Ordinal).ToCharArray();
        }

        return true;
    }

    private bool TryReadRating(ReadOnlySpan<byte> field, long line, out float rating)
    {
        int column = _layout.RatingColumn + 1;
        if (!Utf8Numbers.TryParseSingle(field, out rating))
        {
            string hint = field.IndexOf((byte)',') >= 0
                ? "Numbers must use '.' as the decimal point (invariant culture), as in 4.5."
                : "A rating must be a number such as 4 or 4.5.";
            Report(line, column, "the rating is not a number", field, hint);
            return false;
        }

        // A 32-bit float turns a number too close to zero into 0 and one too large into
        // infinity: neither is the rating written.
        if (rating == 0 && Utf8Numbers.HasNonZeroDigit(field))
        {
            Report(line, column, "the rating is too close to zero for a 32-bit float, which would make it 0", field, "Ratings are stored as 32-bit floats, whose smallest magnitude is 1.4e-45; write 0 or fix the value.");
            return false;
        }

        if (float.IsInfinity(rating) && Utf8Numbers.HasNonZeroDigit(field))
        {
            Report(line, column, "the rating is not a finite number as a 32-bit float, whose range ends at 3.4e38", field, "Ratings are stored as 32-bit floats; fix the value.");
            return false;
        }

        if (_builder.Validate(rating) is string problem)
        {
            string hint = float.IsFinite(rating) ? "Fix the rating or declare a wider Scale." : "Ratings must be finite numbers; fix or remove the line.";
            Report(line, column, problem, field, hint);
            return false;
        }

        return true;
    }

    private bool TryReadTimestamp(ReadOnlySpan<byte> field, long line, out long time)
    {
        if (Utf8Numbers.TryParseTimestamp(field, out time))
        {
            return true;
        }

        Report(
            line,
            _layout.TimestampColumn + 1,
            "the timestamp is neither an integer (Unix seconds) nor a date",
            field,
            "Fix the value, set TimestampColumn to the right column, or set IgnoreTimestamps.");
        return false;
    }

    // A NUL or a carriage return inside a line: binary data, or line breaks that are lone
    // carriage returns, which join the lines that follow into this one.
    private void ReportOddByte(ReadOnlySpan<byte> text, int at, ReadOnlySpan<Range> fields, long line)
    {
        int column = 0;
        for (int k = 0; k < fields.Length; k++)
        {
            (int start, int length) = fields[k].GetOffsetAndLength(text.Length);
            if (at >= start && at <= start + length)
            {
                column = k + 1;
                break;
            }
        }

        if (text[at] == 0)
        {
            Report(line, column, "the line contains a NUL byte, so the file holds binary data rather than text", column > 0 ? text[fields[column - 1]] : text, "Rating files must be UTF-8 text, optionally gzip-compressed; the file is damaged here or is not a rating file.");
        }
        else
        {
            Report(line, column, "the line contains a carriage return that ends no line (lone CR line breaks join the lines after it to this one)", text, "Convert the line breaks to LF or CRLF, for example with tr '\\r' '\\n'.");
        }
    }

    private void Report(long line, int column, string problem, ReadOnlySpan<byte> text, string hint) =>
        _problems.Report(line, column, problem, Encoding.UTF8.GetString(text), hint);
}
