using System.Buffers.Binary;
using System.Diagnostics;
using MatrixFactorization.Data.Readers;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data;

/// <summary>
/// Writes a <see cref="RatingStore"/> to a binary snapshot and reads it back: the store's arrays as
/// they lie in memory, with checksums, so that a reload costs little more than reading the bytes.
/// A reloaded store equals the written one in ids, order, values, timestamps and scale.
/// </summary>
/// <remarks>
/// Parsing text has a floor that reading arrays does not; convert a rating file once and read the
/// snapshot on every later run. Every length is checked against the file's size before anything
/// is allocated, every checksum and index is checked, and a damaged, truncated or padded file is
/// refused with a <see cref="RatingFormatException"/>. The layout is in docs/file-formats.md.
/// </remarks>
public static class RatingSnapshot
{
    /// <summary>The usual file name extension of a snapshot; reading goes by the content, not the name.</summary>
    public const string Extension = ".mfr";

    /// <summary>Writes a snapshot file atomically: a reader sees the old file or the whole new one.</summary>
    /// <param name="store">The ratings.</param>
    /// <param name="path">The file to write or replace.</param>
    /// <exception cref="ArgumentException">A rating is not finite, or string ids are not valid Unicode.</exception>
    public static void Write(RatingStore store, string path)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, 1 << 16, stream => SnapshotWriter.Write(store, stream));
    }

    /// <summary>Writes a snapshot to a stream, which is left open.</summary>
    /// <param name="store">The ratings.</param>
    /// <param name="stream">Where to write.</param>
    /// <exception cref="ArgumentException">A rating is not finite, or string ids are not valid Unicode.</exception>
    public static void Write(RatingStore store, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stream);
        SnapshotWriter.Write(store, stream);
    }

    /// <summary>Reads a snapshot file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The store, and a report whose format is <see cref="RatingFormat.Snapshot"/>.</returns>
    /// <exception cref="RatingDataException">The file does not exist, or is not an intact snapshot of a
    /// version this library reads (<see cref="RatingFormatException"/>, naming the file and the fault).</exception>
    public static LoadResult Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var clock = Stopwatch.StartNew();
        using FileStream file = RatingFiles.OpenRead(path, asynchronous: false);
        string source = Path.GetFileName(path);

        // Mapped, the whole-file checksum is one pass over the page cache; a span reaches 2 GB.
        using SnapshotInput input = file.Length is > SnapshotLayout.HeaderLength and <= int.MaxValue
            ? new SnapshotInput.Mapped(file, (int)file.Length)
            : new SnapshotInput.Sequence(file, file.Length);
        return Result(SnapshotReader.Read(input, source), source, clock);
    }

    /// <summary>Reads a snapshot from a stream, which is left open; the snapshot must run to the stream's end.</summary>
    /// <param name="stream">The data; one that cannot seek is first copied into memory.</param>
    /// <param name="sourceName">The name for errors and the report; null for the file's name or "stream".</param>
    /// <returns>The store, and a report whose format is <see cref="RatingFormat.Snapshot"/>.</returns>
    /// <exception cref="RatingFormatException">The data is not an intact snapshot of a version this library reads.</exception>
    public static LoadResult Read(Stream stream, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string source = sourceName ?? (stream is FileStream named ? Path.GetFileName(named.Name) : "stream");
        var clock = Stopwatch.StartNew();
        RatingStore store;
        if (stream is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> buffer))
        {
            int at = (int)memory.Position;
            using var input = new SnapshotInput.Memory(buffer.AsMemory(Math.Min(at, buffer.Count)));
            store = SnapshotReader.Read(input, source);
            memory.Position = buffer.Count;
        }
        else if (stream.CanSeek)
        {
            using var input = new SnapshotInput.Sequence(stream, stream.Length - stream.Position);
            store = SnapshotReader.Read(input, source);
        }
        else
        {
            // The length must be known before anything is allocated for it; a copy holds only bytes that exist.
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            using var input = new SnapshotInput.Memory(copy.GetBuffer().AsMemory(0, (int)copy.Length));
            store = SnapshotReader.Read(input, source);
        }

        return Result(store, source, clock);
    }

    /// <summary>Whether a file starts with a snapshot's magic number (the rest is checked when it is read).</summary>
    /// <param name="path">The file.</param>
    /// <returns><see langword="true"/> for a snapshot; <see langword="false"/> for any other file, a
    /// missing one or one that cannot be opened.</returns>
    public static bool IsSnapshot(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            Span<byte> magic = stackalloc byte[sizeof(uint)];
            return file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) == magic.Length
                && BinaryPrimitives.ReadUInt32LittleEndian(magic) == SnapshotLayout.Magic;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static LoadResult Result(RatingStore store, string source, Stopwatch clock) => new(
        store,
        new LoadReport
        {
            SourceName = source,
            Format = RatingFormat.Snapshot,
            RatingsRead = store.Count,
            RatingsKept = store.Count,
            HasTimestamps = store.HasTimestamps,
            Elapsed = clock.Elapsed,
        });
}
