using System.Text;

namespace MatrixFactorization.Data.Readers;

/// <summary>Guesses a file's delimiter from its first lines, and suggests a better one when a
/// line splits into the wrong number of fields.</summary>
internal static class DelimiterGuess
{
    private static readonly byte[] s_candidates = [(byte)'\t', (byte)',', (byte)';', (byte)'|'];

    /// <summary>The delimiter for a format, or null when the format does not fix one.</summary>
    public static (DelimiterKind Kind, byte[] Bytes)? ForFormat(RatingFormat format) => format switch
    {
        RatingFormat.MovieLens => (DelimiterKind.Byte, [(byte)',']),
        RatingFormat.Ml100k => (DelimiterKind.Byte, [(byte)'\t']),
        RatingFormat.Dat => (DelimiterKind.Text, [(byte)':', (byte)':']),
        RatingFormat.Libmf => (DelimiterKind.Whitespace, []),
        _ => null,
    };

    /// <summary>The delimiter given in the options.</summary>
    public static (DelimiterKind Kind, byte[] Bytes) FromText(string delimiter)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(delimiter);
        return (bytes.Length == 1 ? DelimiterKind.Byte : DelimiterKind.Text, bytes);
    }

    /// <summary>Picks the delimiter that splits the first line, preferring one that splits the
    /// second line into as many fields.</summary>
    public static (DelimiterKind Kind, byte[] Bytes) Guess(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, bool hasSecond)
    {
        if (first.IndexOf("::"u8) >= 0)
        {
            return (DelimiterKind.Text, [(byte)':', (byte)':']);
        }

        int best = -1;
        int bestCount = 0;
        for (int pass = 0; pass < 2 && best < 0; pass++)
        {
            for (int c = 0; c < s_candidates.Length; c++)
            {
                int count = first.Count(s_candidates[c]);
                bool consistent = pass == 1 || !hasSecond || second.Count(s_candidates[c]) == count;
                if (count > bestCount && consistent)
                {
                    best = c;
                    bestCount = count;
                }
            }
        }

        if (best >= 0)
        {
            return (DelimiterKind.Byte, [s_candidates[best]]);
        }

        return first.Trim(" \t"u8).IndexOfAny((byte)' ', (byte)'\t') >= 0
            ? (DelimiterKind.Whitespace, [])
            : (DelimiterKind.Byte, [(byte)',']);
    }

    /// <summary>A hint naming another delimiter the line contains, or a generic one.</summary>
    public static string Suggest(ReadOnlySpan<byte> line, TextLayout layout)
    {
        ReadOnlySpan<string> others = ["::", "\t", ",", ";", "|", " "];
        foreach (string other in others)
        {
            if (other == layout.DelimiterText || (other == " " && layout.Kind == DelimiterKind.Whitespace))
            {
                continue;
            }

            if (line.IndexOf(Encoding.ASCII.GetBytes(other)) >= 0)
            {
                string name = TextLayout.DescribeDelimiter(other, other == " " ? DelimiterKind.Whitespace : DelimiterKind.Byte);
                return $"The line contains {name}: if that is the delimiter, set Delimiter or Format to match the file (the reader is using {layout.DelimiterName}).";
            }
        }

        return $"Every rating line needs {layout.FieldCount} fields separated by {layout.DelimiterName}; fix the line or set SkipBadLines.";
    }
}
