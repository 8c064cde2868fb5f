namespace MatrixFactorization.Data.Readers;

/// <summary>
/// Reads the rest of a text stream with the fast path running on other threads: the calling
/// thread reads block after block, hands each to a thread-pool task that parses it into its own
/// <see cref="ParsedBlock"/>, and adds the parsed blocks to the session in file order. Ids are
/// mapped, careful lines read and errors raised only there, in that order, so the store, the
/// report and the first error are exactly those of a read on one thread.
/// </summary>
/// <remarks>
/// A few blocks are in flight at once, each in a buffer of its own, so memory stays a small
/// constant. A task touches nothing but its block, so when an error stops the read the tasks
/// still running finish on their own and their blocks are dropped.
/// </remarks>
internal static class BlockPipeline
{
    // One block being read, two being parsed and one being added keep two cores busy.
    private const int Depth = 4;

    /// <summary>Whether the rest of the data can be parsed ahead: it takes the fast path.</summary>
    public static bool Applies(TextLoadSession session, ChunkBuffer buffer) =>
        session.ParseAhead is not null && !buffer.AtEnd;

    /// <summary>Reads <paramref name="input"/> to its end into the session, starting with the
    /// bytes that <paramref name="first"/> holds.</summary>
    /// <param name="input">The data after the bytes already read.</param>
    /// <param name="first">The buffer read so far, with no whole line left unparsed.</param>
    /// <param name="session">The read; its header is behind.</param>
    /// <param name="parsers">Where the blocks are parsed.</param>
    public static void Run(Stream input, ChunkBuffer first, TextLoadSession session, TaskScheduler parsers)
    {
        FastLineParser fast = session.ParseAhead!;
        var inFlight = new Queue<Slot>(Depth);
        var spare = new Stack<Slot>(Depth);
        var current = new Slot(first);
        while (true)
        {
            ChunkBuffer buffer = current.Buffer;
            if (!buffer.AtEnd)
            {
                try
                {
                    TextRatingLoader.Read(input, buffer);
                }
                catch (InvalidDataException e)
                {
                    // The error names the line reached, known once the blocks before it are in.
                    AddAll(inFlight, session);
                    throw TextRatingLoader.CorruptGzip(session.Source, session.NextLine, e);
                }
            }

            if (!buffer.AtEnd && buffer.Pending.IndexOf((byte)'\n') < 0)
            {
                // A line longer than the buffer, which grows below, or the read stops at that
                // line with an error naming it: the blocks before it go in first.
                AddAll(inFlight, session);
            }

            if (buffer.TakeBlock(session.NextLine, session.Source).IsEmpty)
            {
                if (buffer.AtEnd)
                {
                    AddAll(inFlight, session);
                    return;
                }

                continue;
            }

            Slot next = spare.Count > 0 ? spare.Pop() : new Slot(new ChunkBuffer(buffer.Size, buffer.MaxSize));
            buffer.MoveRestTo(next.Buffer);
            current.Start(fast, buffer.Block, parsers);
            inFlight.Enqueue(current);
            if (next.Buffer.AtEnd)
            {
                AddAll(inFlight, session);
                return;
            }

            current = next;
            while (inFlight.Count >= Depth)
            {
                spare.Push(Add(inFlight.Dequeue(), session));
            }
        }
    }

    private static void AddAll(Queue<Slot> inFlight, TextLoadSession session)
    {
        while (inFlight.Count > 0)
        {
            Add(inFlight.Dequeue(), session);
        }
    }

    private static Slot Add(Slot slot, TextLoadSession session)
    {
        slot.Task!.GetAwaiter().GetResult();
        session.Add(slot.Block, slot.Parsed);
        slot.Buffer.Release();
        return slot;
    }

    /// <summary>A buffer, the block taken from it and what the fast path made of that block.</summary>
    private sealed class Slot(ChunkBuffer buffer)
    {
        public ChunkBuffer Buffer { get; } = buffer;

        public ParsedBlock Parsed { get; } = new();

        public ArraySegment<byte> Block { get; private set; }

        public Task? Task { get; private set; }

        public void Start(FastLineParser fast, ArraySegment<byte> block, TaskScheduler parsers)
        {
            Block = block;
            Task = Task.Factory.StartNew(() => fast.Parse(block, Parsed), CancellationToken.None, TaskCreationOptions.DenyChildAttach, parsers);
        }
    }
}
