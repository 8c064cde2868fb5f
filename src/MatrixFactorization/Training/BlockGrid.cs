using MatrixFactorization.Data;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// The rating matrix cut into Size × Size blocks. Users and items are assigned to block rows and
/// columns by a seeded random permutation, so popular users or items do not pile into one block.
/// Blocks (r, (r + s) mod Size) for r = 0..Size-1 form stratum s: they share no user and no item,
/// so any thread may run any of them in any order and the outcome is the same.
/// </summary>
internal sealed class BlockGrid
{
    private readonly TrainingEntry[] _entries;
    private readonly int[] _offsets;

    /// <summary>A grid of given blocks: block b is entries [offsets[b], offsets[b + 1]).</summary>
    internal BlockGrid(int size, TrainingEntry[] entries, int[] offsets, int streamCount)
    {
        Size = size;
        StreamCount = streamCount;
        _entries = entries;
        _offsets = offsets;
    }

    public int Size { get; }

    /// <summary>
    /// How many runs the training loop deals each user-ordered block into (see
    /// <c>SgdEngine.RunDealt</c>); 1 for shuffled blocks and plain user order.
    /// </summary>
    public int StreamCount { get; }

    public int Count => _entries.Length;

    /// <summary>The entries of block (row, column).</summary>
    public ReadOnlySpan<TrainingEntry> Block(int row, int column)
    {
        int b = (row * Size) + column;
        return _entries.AsSpan(_offsets[b], _offsets[b + 1] - _offsets[b]);
    }

    /// <summary>The entries of block <paramref name="blockIndex"/> = row × Size + column.</summary>
    public ReadOnlySpan<TrainingEntry> Block(int blockIndex) =>
        _entries.AsSpan(_offsets[blockIndex], _offsets[blockIndex + 1] - _offsets[blockIndex]);

    /// <summary>
    /// Cuts the store into blocks. The work is split over <paramref name="threads"/>, and the grid
    /// is the same for any thread count: each part of the store is scattered to precomputed
    /// positions, so the order inside a block is always store order.
    /// </summary>
    public static BlockGrid Build(RatingStore store, int size, ulong seed, bool shuffle, int streams = Streams, int threads = 1)
    {
        int[] userBlock = AssignBlocks(store.UserCount, size, SplitMix64.For(seed, 1, 0xB10C));
        int[] itemBlock = AssignBlocks(store.ItemCount, size, SplitMix64.For(seed, 2, 0xB10C));
        int blocks = size * size;
        int count = store.Count;

        // The store in contiguous parts (ranges of users, walked row by row, so the store's user
        // column is never needed); each part counts its ratings per block, and the counts of the
        // parts before it say where in each block its own ratings go.
        int parts = Math.Clamp(threads, 1, Math.Max(1, count / 65_536));
        var counts = new int[parts][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parts };
        Parallel.For(0, parts, options, part =>
        {
            (int from, int to) = EvenParts.Of(store.UserCount, parts, part);
            ReadOnlySpan<int> rows = store.UserOffsets;
            ReadOnlySpan<int> items = store.ItemIndices;
            var partCounts = new int[blocks];
            for (int u = from; u < to; u++)
            {
                // One row of the grid per user: the item's block column picks the block.
                Span<int> row = partCounts.AsSpan(userBlock[u] * size, size);
                for (int k = rows[u]; k < rows[u + 1]; k++)
                {
                    row[itemBlock[items[k]]]++;
                }
            }

            counts[part] = partCounts;
        });

        var offsets = new int[blocks + 1];
        var starts = new int[parts, blocks];
        for (int b = 0; b < blocks; b++)
        {
            int position = offsets[b];
            for (int part = 0; part < parts; part++)
            {
                starts[part, b] = position;
                position += counts[part][b];
            }

            offsets[b + 1] = position;
        }

        // A stable scatter of the store (ordered by user, then item) leaves each block in that
        // order: consecutive updates reuse the same user row from cache.
        // Every element is written by the scatter below, so the array need not be cleared first.
        TrainingEntry[] entries = GC.AllocateUninitializedArray<TrainingEntry>(count);
        Parallel.For(0, parts, options, part =>
        {
            (int from, int to) = EvenParts.Of(store.UserCount, parts, part);
            ReadOnlySpan<int> rows = store.UserOffsets;
            ReadOnlySpan<int> items = store.ItemIndices;
            ReadOnlySpan<float> values = store.Values;
            var next = new int[blocks];
            for (int b = 0; b < blocks; b++)
            {
                next[b] = starts[part, b];
            }

            for (int u = from; u < to; u++)
            {
                int row = userBlock[u] * size;
                for (int k = rows[u]; k < rows[u + 1]; k++)
                {
                    int b = row + itemBlock[items[k]];
                    entries[next[b]++] = new TrainingEntry(u, items[k], values[k]);
                }
            }
        });

        if (shuffle)
        {
            Parallel.For(0, blocks, options, b =>
            {
                var rng = SplitMix64.For(seed, b, 0x5EED);
                rng.Shuffle(entries.AsSpan(offsets[b], offsets[b + 1] - offsets[b]));
            });
        }

        return new BlockGrid(size, entries, offsets, shuffle ? 1 : Math.Max(streams, 1));
    }

    /// <summary>By default, how many runs the training loop deals a user-ordered block into.</summary>
    internal const int Streams = 4;

    private static int[] AssignBlocks(int count, int size, SplitMix64 rng)
    {
        var order = new int[count];
        for (int k = 0; k < count; k++)
        {
            order[k] = k;
        }

        rng.Shuffle(order.AsSpan());
        var block = new int[count];
        for (int rank = 0; rank < count; rank++)
        {
            block[order[rank]] = (int)((long)rank * size / Math.Max(1, count));
        }

        return block;
    }
}
