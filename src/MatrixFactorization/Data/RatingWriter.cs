using System.IO.Compression;
using MatrixFactorization.Data.Readers;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data;

/// <summary>
/// Writes a <see cref="RatingStore"/> back to text with its raw ids, in store order, so that
/// <see cref="RatingReader"/> reads it back to the same ratings: for splits, synthetic data and
/// exchange with other tools. Ratings are written in the shortest form that reads back exactly.
/// </summary>
public static class RatingWriter
{
    /// <summary>Writes MovieLens <c>ratings.csv</c>: a <c>userId,movieId,rating[,timestamp]</c>
    /// header, then one comma-separated rating per line (timestamps when the store has them).</summary>
    /// <param name="store">The ratings.</param>
    /// <param name="path">The file to create or overwrite; a name ending in <c>.gz</c> is gzip-compressed.</param>
    public static void WriteMovieLens(RatingStore store, string path) => WriteFile(path, stream => WriteMovieLens(store, stream));

    /// <summary>Writes MovieLens <c>ratings.csv</c> text to a stream, which is left open.</summary>
    /// <param name="store">The ratings.</param>
    /// <param name="stream">The destination.</param>
    public static void WriteMovieLens(RatingStore store, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new Utf8RecordWriter(stream);
        writer.Write(store.HasTimestamps ? "userId,movieId,rating,timestamp\n"u8 : "userId,movieId,rating\n"u8);
        byte[][] items = IdTexts(store.Items, csv: true);
        for (int u = 0; u < store.UserCount; u++)
        {
            byte[] user = IdText(store.Users, u, csv: true);
            RatingRow row = store.GetUserRatings(u);
            for (int k = 0; k < row.Length; k++)
            {
                writer.Write(user);
                writer.Write((byte)',');
                writer.Write(items[row.Items[k]]);
                writer.Write((byte)',');
                writer.Write(row.Values[k]);
                if (store.HasTimestamps)
                {
                    writer.Write((byte)',');
                    writer.Write(store.GetTimestamp(row.Start + k));
                }

                writer.Write((byte)'\n');
            }
        }
    }

    /// <summary>Writes LIBMF text: <c>user item rating</c> separated by spaces, no header, no
    /// timestamps. String ids must not contain spaces or tabs.</summary>
    /// <param name="store">The ratings.</param>
    /// <param name="path">The file to create or overwrite; a name ending in <c>.gz</c> is gzip-compressed.</param>
    public static void WriteLibmf(RatingStore store, string path) => WriteFile(path, stream => WriteLibmf(store, stream));

    /// <summary>Writes LIBMF text to a stream, which is left open.</summary>
    /// <param name="store">The ratings.</param>
    /// <param name="stream">The destination.</param>
    /// <exception cref="ArgumentException">A string id contains whitespace, which LIBMF cannot hold.</exception>
    public static void WriteLibmf(RatingStore store, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stream);
        byte[][] items = IdTexts(store.Items, csv: false);
        using var writer = new Utf8RecordWriter(stream);
        for (int u = 0; u < store.UserCount; u++)
        {
            byte[] user = IdText(store.Users, u, csv: false);
            RatingRow row = store.GetUserRatings(u);
            for (int k = 0; k < row.Length; k++)
            {
                writer.Write(user);
                writer.Write((byte)' ');
                writer.Write(items[row.Items[k]]);
                writer.Write((byte)' ');
                writer.Write(row.Values[k]);
                writer.Write((byte)'\n');
            }
        }
    }

    private static void WriteFile(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, bufferSize: 0, file =>
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            {
                using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
                write(gzip);
            }
            else
            {
                write(file);
            }
        });
    }

    private static byte[][] IdTexts(IdMap map, bool csv)
    {
        var texts = new byte[map.Count][];
        for (int k = 0; k < texts.Length; k++)
        {
            texts[k] = IdText(map, k, csv);
        }

        return texts;
    }

    private static byte[] IdText(IdMap map, int index, bool csv)
    {
        string id = map.GetId(index);
        if (map.Kind == IdKind.Integer)
        {
            return System.Text.Encoding.UTF8.GetBytes(id);
        }

        if (!csv)
        {
            if (id.Length == 0 || id.AsSpan().IndexOfAny(" \t\r\n") >= 0)
            {
                throw new ArgumentException($"The id '{id}' is empty or contains whitespace, which LIBMF text cannot hold; write MovieLens csv instead.", nameof(map));
            }

            return System.Text.Encoding.UTF8.GetBytes(id);
        }

        // Readers trim ids, so ids with outer spaces are quoted as well as those with delimiters.
        bool quote = id.AsSpan().IndexOfAny(",\"\r\n") >= 0 || id.Length == 0 || id.Trim().Length != id.Length;
        return System.Text.Encoding.UTF8.GetBytes(quote ? $"\"{id.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : id);
    }
}
