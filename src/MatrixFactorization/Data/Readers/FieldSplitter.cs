namespace MatrixFactorization.Data.Readers;

/// <summary>Splits one line into fields for the careful (slow) path, honouring CSV quotes when
/// the layout allows them.</summary>
internal static class FieldSplitter
{
    /// <summary>Splits <paramref name="line"/> (without its line break).</summary>
    /// <param name="line">The line.</param>
    /// <param name="layout">The delimiter and quoting rules.</param>
    /// <param name="fields">Receives the first fields' ranges; quoted fields exclude their quotes.</param>
    /// <param name="badQuoteField">The 1-based field with an unterminated or stray quote, else 0.</param>
    /// <returns>The total number of fields, which may exceed the length of <paramref name="fields"/>.</returns>
    public static int Split(ReadOnlySpan<byte> line, TextLayout layout, Span<Range> fields, out int badQuoteField)
    {
        badQuoteField = 0;
        return layout.Kind == DelimiterKind.Whitespace
            ? SplitWhitespace(line, fields)
            : SplitDelimited(line, layout.Delimiter, layout.Quotes, fields, ref badQuoteField);
    }

    /// <summary>Whether a quoted field holds doubled quotes that need unescaping.</summary>
    public static bool NeedsUnescape(ReadOnlySpan<byte> field) => field.IndexOf("\"\""u8) >= 0;

    private static int SplitWhitespace(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        int count = 0;
        int p = 0;
        while (true)
        {
            while (p < line.Length && IsBlank(line[p]))
            {
                p++;
            }

            if (p == line.Length)
            {
                return count;
            }

            int start = p;
            while (p < line.Length && !IsBlank(line[p]))
            {
                p++;
            }

            if (count < fields.Length)
            {
                fields[count] = start..p;
            }

            count++;
        }
    }

    private static int SplitDelimited(ReadOnlySpan<byte> line, ReadOnlySpan<byte> delimiter, bool quotes, Span<Range> fields, ref int badQuoteField)
    {
        int count = 0;
        int p = 0;
        while (true)
        {
            int start = p;
            int end;
            if (quotes && p < line.Length && line[p] == '"')
            {
                int close = ClosingQuote(line, p + 1);
                bool closedAtBoundary = close >= 0
                    && (close + 1 == line.Length || line[(close + 1)..].StartsWith(delimiter));
                if (!closedAtBoundary)
                {
                    // Report it and fall back to reading the field as it stands.
                    if (badQuoteField == 0)
                    {
                        badQuoteField = count + 1;
                    }

                    end = NextDelimiter(line, p, delimiter);
                }
                else
                {
                    start = p + 1;
                    end = close;
                    p = close + 1;
                    Record(fields, count++, start..end);
                    if (p == line.Length)
                    {
                        return count;
                    }

                    p += delimiter.Length;
                    continue;
                }
            }
            else
            {
                end = NextDelimiter(line, p, delimiter);
            }

            Record(fields, count++, start..end);
            if (end == line.Length)
            {
                return count;
            }

            p = end + delimiter.Length;
        }
    }

    private static int NextDelimiter(ReadOnlySpan<byte> line, int from, ReadOnlySpan<byte> delimiter)
    {
        int at = line[from..].IndexOf(delimiter);
        return at < 0 ? line.Length : from + at;
    }

    // The index of the quote that closes a field opened just before `from`; doubled quotes are
    // escapes. -1 when the line ends first.
    private static int ClosingQuote(ReadOnlySpan<byte> line, int from)
    {
        int p = from;
        while (true)
        {
            int at = line[p..].IndexOf((byte)'"');
            if (at < 0)
            {
                return -1;
            }

            p += at;
            if (p + 1 < line.Length && line[p + 1] == '"')
            {
                p += 2;
                continue;
            }

            return p;
        }
    }

    private static void Record(Span<Range> fields, int index, Range range)
    {
        if (index < fields.Length)
        {
            fields[index] = range;
        }
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';
}
