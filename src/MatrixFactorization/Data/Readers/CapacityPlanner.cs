namespace MatrixFactorization.Data.Readers;

/// <summary>
/// Sizes the builder from the file length and the bytes per line seen so far, so that it is
/// allocated about once, at about the size the store needs: growing by doubling would copy the
/// ratings and leave up to half the room unused, and the store keeps the builder's arrays.
/// </summary>
/// <remarks>
/// Lines get longer through a file as ids get longer (rating files are sorted by user), so the
/// first block alone overestimates the line count, by a quarter on a MovieLens-like file. Ids
/// reach their final length early, though, so the lines at the end of the file (sampled up
/// front, when the stream can seek) describe most of it; the small underestimate that leaves
/// is what the margin is for. Without a sample the latest block's lines stand in.
/// </remarks>
/// <param name="totalBytes">The length of the data.</param>
/// <param name="endBytesPerLine">The bytes per line at the end of the data, when known.</param>
internal sealed class CapacityPlanner(long totalBytes, double? endBytesPerLine)
{
    private const double Margin = 1.04;

    /// <summary>The capacity to grow to after a block, or null when the current one will do.</summary>
    /// <param name="bytesDone">Bytes parsed so far.</param>
    /// <param name="blockBytes">Bytes in the latest block.</param>
    /// <param name="blockLines">Lines in the latest block.</param>
    /// <param name="count">Ratings so far.</param>
    /// <param name="capacity">The builder's capacity.</param>
    public int? Plan(long bytesDone, long blockBytes, long blockLines, int count, int capacity)
    {
        if (blockLines <= 0 || bytesDone >= totalBytes)
        {
            return null;
        }

        double ahead = endBytesPerLine ?? ((double)blockBytes / blockLines);
        double needed = count + ((totalBytes - bytesDone) / ahead);
        return needed > capacity ? (int)Math.Min(Array.MaxLength, (needed * Margin) + 1024) : null;
    }

    /// <summary>The bytes per line in the last 64 KB of a seekable stream, read without moving it;
    /// null for streams that cannot seek or are too small to bother.</summary>
    public static double? SampleEnd(Stream stream)
    {
        byte[]? tail = TailBuffer(stream, out long position);
        if (tail is null)
        {
            return null;
        }

        stream.Position = stream.Length - tail.Length;
        int read = stream.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false);
        stream.Position = position;
        return BytesPerLine(tail.AsSpan(0, read));
    }

    /// <summary>The async form of <see cref="SampleEnd"/>.</summary>
    public static async ValueTask<double?> SampleEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        byte[]? tail = TailBuffer(stream, out long position);
        if (tail is null)
        {
            return null;
        }

        stream.Position = stream.Length - tail.Length;
        int read = await stream.ReadAtLeastAsync(tail, tail.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        stream.Position = position;
        return BytesPerLine(tail.AsSpan(0, read));
    }

    private static byte[]? TailBuffer(Stream stream, out long position)
    {
        const int Tail = 64 * 1024;
        position = 0;
        if (!stream.CanSeek)
        {
            return null;
        }

        position = stream.Position;
        return stream.Length - position > 16L * Tail ? new byte[Tail] : null;
    }

    private static double? BytesPerLine(ReadOnlySpan<byte> tail)
    {
        int first = tail.IndexOf((byte)'\n');
        int last = tail.LastIndexOf((byte)'\n');
        int lines = tail[(first + 1)..(last + 1)].Count((byte)'\n');
        return first < 0 || lines == 0 ? null : (double)(last - first) / lines;
    }
}
