using System.Text;
using System.Text.Unicode;

namespace MatrixFactorization.Data.Readers;

/// <summary>Up-front checks that the data is UTF-8 text at all, so binary files and other
/// encodings get one clear error instead of a confusing parse error on some field.</summary>
internal static class TextChecks
{
    private const int Window = 64 * 1024;

    /// <summary>Throws when the start of <paramref name="data"/> is not UTF-8 text.</summary>
    /// <param name="data">The first bytes, after any UTF-8 byte order mark.</param>
    /// <param name="source">The source name for messages.</param>
    /// <param name="hadUtf16Mark">Whether the data began with a UTF-16 or UTF-32 byte order mark.</param>
    public static void EnsureText(ReadOnlySpan<byte> data, string source, bool hadUtf16Mark)
    {
        if (hadUtf16Mark)
        {
            throw new RatingFormatException(
                "the file is UTF-16 or UTF-32 text, not UTF-8",
                source,
                line: 1,
                hint: "Save the file as UTF-8 (the byte order mark at the start says it is not).");
        }

        ReadOnlySpan<byte> window = data[..Math.Min(data.Length, Window)];
        int nul = window.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new RatingFormatException(
                "the file contains NUL bytes, so it is binary data rather than text",
                source,
                LineAt(window, nul),
                value: LineText(window, nul),
                hint: "Rating files must be UTF-8 text, optionally gzip-compressed; a zip, tar or other archive must be extracted first.");
        }

        // A window cut through a multi-byte character is not an error: check whole lines only.
        int lastBreak = window.Length == data.Length ? window.Length : window.LastIndexOf((byte)'\n') + 1;
        ReadOnlySpan<byte> whole = window[..lastBreak];
        if (!Utf8.IsValid(whole))
        {
            int bad = FirstInvalid(whole);
            throw new RatingFormatException(
                "the file is not valid UTF-8 text (binary data or another encoding)",
                source,
                LineAt(whole, bad),
                value: LineText(whole, bad),
                hint: "Rating files must be UTF-8 text, optionally gzip-compressed; convert other encodings (Latin-1, UTF-16) to UTF-8.");
        }
    }

    /// <summary>The 1-based line of a byte offset.</summary>
    public static long LineAt(ReadOnlySpan<byte> data, int offset) => data[..offset].Count((byte)'\n') + 1;

    private static string LineText(ReadOnlySpan<byte> data, int offset)
    {
        int start = data[..offset].LastIndexOf((byte)'\n') + 1;
        int end = data[offset..].IndexOf((byte)'\n');
        end = end < 0 ? data.Length : offset + end;
        return Encoding.UTF8.GetString(data[start..Math.Min(end, start + 200)]);
    }

    private static int FirstInvalid(ReadOnlySpan<byte> data)
    {
        Span<char> sink = stackalloc char[1024];
        int offset = 0;
        while (offset < data.Length)
        {
            System.Buffers.OperationStatus status = Utf8.ToUtf16(data[offset..], sink, out int read, out _, replaceInvalidSequences: false);
            if (status is System.Buffers.OperationStatus.InvalidData or System.Buffers.OperationStatus.NeedMoreData)
            {
                return offset + read;
            }

            offset += read;
            if (status == System.Buffers.OperationStatus.Done)
            {
                break;
            }
        }

        return Math.Min(offset, data.Length - 1);
    }
}
