using System.Diagnostics;

namespace MatrixFactorization.Data.Readers;

/// <summary>Reads rating text from a stream, sync or async: fills the chunk buffer, unwraps gzip
/// (detected by its magic bytes), and feeds whole lines to a <see cref="TextLoadSession"/>.</summary>
internal static class TextRatingLoader
{
    public static LoadResult Load(Stream raw, RatingReadOptions options, string source) =>
        Load(raw, options, source, parallel: options.Threads != 1 && Environment.ProcessorCount > 1, ChunkBuffer.DefaultSize);

    /// <summary>Reads, parsing blocks on other threads when <paramref name="parallel"/> is set
    /// (the result is the same either way), in blocks of <paramref name="blockSize"/> bytes.</summary>
    internal static LoadResult Load(Stream raw, RatingReadOptions options, string source, bool parallel, int blockSize)
    {
        var clock = Stopwatch.StartNew();
        var buffer = new ChunkBuffer(BufferSize(raw, blockSize), options.MaxLineLength);
        Fill(raw, buffer, source, 0);
        long? length = KnownLength(raw, buffer);
        var session = new TextLoadSession(options, source, length is long total ? new CapacityPlanner(total, CapacityPlanner.SampleEnd(raw)) : null);
        raw = ProgressStream.Over(raw, options.Progress, buffer.BytesRead);
        using CheckedGzipStream? gzip = Unwrap(raw, buffer);
        Stream input = raw;
        if (gzip is not null)
        {
            session.Compressed = true;
            input = gzip;
            Fill(input, buffer, source, 0);
        }

        while (NeedsMoreForDetection(buffer))
        {
            Fill(input, buffer, source, 0);
        }

        buffer.Skip(session.Begin(buffer.Pending, buffer.AtEnd));
        while (true)
        {
            if (parallel && BlockPipeline.Applies(session, buffer))
            {
                // A thread limit leaves the calling thread one of them, reading and adding blocks.
                TaskScheduler parsers = options.Threads > 1
                    ? new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, options.Threads - 1).ConcurrentScheduler
                    : TaskScheduler.Default;
                BlockPipeline.Run(input, buffer, session, parsers);
                return session.Finish(clock);
            }

            ReadOnlySpan<byte> block = buffer.TakeBlock(session.NextLine, source);
            if (!block.IsEmpty)
            {
                session.Parse(block);
            }

            buffer.Release();
            if (buffer.AtEnd)
            {
                return session.Finish(clock);
            }

            Fill(input, buffer, source, session.NextLine);
        }
    }

    public static async Task<LoadResult> LoadAsync(Stream raw, RatingReadOptions options, string source, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var buffer = new ChunkBuffer(BufferSize(raw, ChunkBuffer.DefaultSize), options.MaxLineLength);
        await FillAsync(raw, buffer, source, 0, cancellationToken).ConfigureAwait(false);
        long? length = KnownLength(raw, buffer);
        CapacityPlanner? planner = length is long total
            ? new CapacityPlanner(total, await CapacityPlanner.SampleEndAsync(raw, cancellationToken).ConfigureAwait(false))
            : null;
        var session = new TextLoadSession(options, source, planner);
        raw = ProgressStream.Over(raw, options.Progress, buffer.BytesRead);
        using CheckedGzipStream? gzip = Unwrap(raw, buffer);
        Stream input = raw;
        if (gzip is not null)
        {
            session.Compressed = true;
            input = gzip;
            await FillAsync(input, buffer, source, 0, cancellationToken).ConfigureAwait(false);
        }

        while (NeedsMoreForDetection(buffer))
        {
            await FillAsync(input, buffer, source, 0, cancellationToken).ConfigureAwait(false);
        }

        buffer.Skip(session.Begin(buffer.Pending, buffer.AtEnd));
        while (true)
        {
            ParseHeldLines(session, buffer, source);
            if (buffer.AtEnd)
            {
                return session.Finish(clock);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await FillAsync(input, buffer, source, session.NextLine, cancellationToken).ConfigureAwait(false);
        }
    }

    // Spans cannot live across awaits, so the async loop parses through this.
    private static void ParseHeldLines(TextLoadSession session, ChunkBuffer buffer, string source)
    {
        ReadOnlySpan<byte> block = buffer.TakeBlock(session.NextLine, source);
        if (!block.IsEmpty)
        {
            session.Parse(block);
        }

        buffer.Release();
    }

    /// <summary>
    /// The buffer for a stream: the block size, or less for a stream known to be shorter, so that a
    /// small file does not cost a megabyte. One spare byte makes the first read come up short and
    /// so see the end at once; a stream that grows meanwhile is read on in fills of this size.
    /// </summary>
    internal static int BufferSize(Stream raw, int blockSize)
    {
        const int Least = 4096;
        try
        {
            return raw.CanSeek ? (int)Math.Clamp(raw.Length - raw.Position + 1, Least, Math.Max(Least, blockSize)) : blockSize;
        }
        catch (NotSupportedException)
        {
            return blockSize;
        }
    }

    // Detection looks at the first lines, so they must be whole: a first line longer than the
    // buffer grows it (a few lines of a few megabytes at most, or the overlong-line error later).
    private static bool NeedsMoreForDetection(ChunkBuffer buffer) =>
        !buffer.AtEnd && buffer.Pending.Count((byte)'\n') < 3 && buffer.TryGrow();

    private static bool IsGzip(ChunkBuffer buffer) => buffer.Pending is [0x1F, 0x8B, ..];

    private static CheckedGzipStream? Unwrap(Stream raw, ChunkBuffer buffer) =>
        IsGzip(buffer) ? new CheckedGzipStream(new PrefixedStream(buffer.TakeAll(), raw)) : null;

    private static long? KnownLength(Stream raw, ChunkBuffer buffer)
    {
        if (IsGzip(buffer) || !raw.CanSeek)
        {
            return null;
        }

        try
        {
            return raw.Length - raw.Position + buffer.BytesRead;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Reads as much as fits into the buffer; a gzip stream throws
    /// <see cref="InvalidDataException"/> on corrupt data.</summary>
    internal static void Read(Stream input, ChunkBuffer buffer)
    {
        buffer.MakeRoom();
        Memory<byte> free = buffer.Free;
        buffer.Commit(input.ReadAtLeast(free.Span, free.Length, throwOnEndOfStream: false), free.Length);
    }

    private static void Fill(Stream input, ChunkBuffer buffer, string source, long line)
    {
        try
        {
            Read(input, buffer);
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(source, line, e);
        }
    }

    private static async ValueTask FillAsync(Stream input, ChunkBuffer buffer, string source, long line, CancellationToken cancellationToken)
    {
        buffer.MakeRoom();
        Memory<byte> free = buffer.Free;
        try
        {
            buffer.Commit(await input.ReadAtLeastAsync(free, free.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false), free.Length);
        }
        catch (InvalidDataException e)
        {
            throw CorruptGzip(source, line, e);
        }
    }

    /// <summary>The error for gzip data that does not decompress, at a line.</summary>
    internal static RatingFormatException CorruptGzip(string source, long line, InvalidDataException e) =>
        GzipCheck.IsCheck(e)
            ? new(e.Message, source, line, hint: "The file is incomplete or damaged: download, copy or compress it again (gzip -t FILE checks a file).", innerException: e)
            : new("the gzip data is corrupt", source, line, hint: "The file starts like gzip but does not decompress; download or compress it again.", innerException: e);
}
