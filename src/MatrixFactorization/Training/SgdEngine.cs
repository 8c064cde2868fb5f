using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Runs SGD epochs over a <see cref="BlockGrid"/> with one update rule.
/// </summary>
/// <remarks>
/// An epoch visits the strata in a seeded order; position j of that order holds, for each block
/// row r, the block (r, (r + s_j) mod G). Only the order of updates to a row matters to the result,
/// and a block's user rows were last written by the block at position j − 1 in its row, its item
/// rows by the block at position j − 1 in its column. So a block may start as soon as those two
/// are done: the same values are read, and the model is the same bit for bit, as if every
/// stratum waited for the whole previous one. Threads never wait at a stratum boundary for the
/// slowest block, only when no block at all is ready, which on a shared machine, where one core
/// can stall for milliseconds, keeps the other busy.
/// </remarks>
internal sealed class SgdEngine<TRule> : IEpochRunner
    where TRule : struct, IUpdateRule
{
    private readonly SgdState _state;
    private readonly BlockGrid _grid;
    private readonly double[] _blockLoss;
    private readonly int[] _strata;
    private readonly PhaseRunner _runner;
    private readonly int _threads;
    private readonly Action<int> _runShare;
    private readonly ulong _seed;

    // Per block row: the next position to claim, and the last position finished (−1: none yet);
    // per block column: the last position finished.
    private readonly int[] _rowNext;
    private readonly int[] _rowDone;
    private readonly int[] _columnDone;
    private int _unclaimed;
    private volatile bool _abandoned;
    private CancellationToken _cancellation;
    private float _learningRate;

    public SgdEngine(SgdState state, BlockGrid grid, int threads, ulong seed)
    {
        _state = state;
        _grid = grid;
        _seed = seed;
        _blockLoss = new double[grid.Size * grid.Size];
        _strata = new int[grid.Size];
        _rowNext = new int[grid.Size];
        _rowDone = new int[grid.Size];
        _columnDone = new int[grid.Size];

        // More threads than block rows would only spin with nothing to claim.
        _threads = Math.Clamp(threads, 1, grid.Size);
        _runner = new PhaseRunner(_threads);
        _runShare = _ => RunShare();

        // The block loop is compiled fully optimized on its first call. If the kernel path were not
        // yet initialized then, the JIT could not treat it as a constant and would compile every
        // path into the loop, with a check per rating and rows spilled to the stack.
        RuntimeHelpers.RunClassConstructor(typeof(KernelDispatch).TypeHandle);
    }

    /// <summary>Runs one epoch and returns the sum of squared pre-update errors.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        _learningRate = learningRate;
        _cancellation = cancellation;

        // The stratum order changes every epoch (seeded), so no item block always comes first.
        for (int s = 0; s < _strata.Length; s++)
        {
            _strata[s] = s;
        }

        var rng = SplitMix64.For(_seed, epoch, 0x57A7);
        rng.Shuffle(_strata.AsSpan());
        Array.Clear(_rowNext);
        Array.Fill(_rowDone, -1);
        Array.Fill(_columnDone, -1);
        _unclaimed = _grid.Size * _grid.Size;
        _abandoned = false;

        // One part per thread, each claiming ready blocks until none is left unclaimed.
        _runner.Run(_runShare, _threads);
        cancellation.ThrowIfCancellationRequested();

        // Summed in block order, not completion order, so the loss is reproducible too.
        double loss = 0;
        foreach (double blockLoss in _blockLoss)
        {
            loss += blockLoss;
        }

        return loss;
    }

    public void Dispose() => _runner.Dispose();

    private void RunShare()
    {
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _unclaimed) > 0)
        {
            if (_abandoned || _cancellation.IsCancellationRequested)
            {
                // Blocks waiting on this one would never become ready: every thread stops.
                _abandoned = true;
                return;
            }

            if (!TryClaim(out int position, out int row, out int column))
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            try
            {
                RunBlock((row * _grid.Size) + column);
            }
            catch
            {
                _abandoned = true;
                throw;
            }

            // Release order: the block's writes are visible before either mark.
            Volatile.Write(ref _columnDone[column], position);
            Volatile.Write(ref _rowDone[row], position);
            spinner = default;
        }
    }

    /// <summary>
    /// Claims a block whose row and column predecessors are done: the earliest position first
    /// (it holds up the most), and among those the largest block, so that an epoch ends on small
    /// ones.
    /// </summary>
    private bool TryClaim(out int position, out int row, out int column)
    {
        int size = _grid.Size;
        (position, row, column) = (int.MaxValue, -1, -1);
        int largest = -1;
        for (int r = 0; r < size; r++)
        {
            int j = Volatile.Read(ref _rowNext[r]);
            if (j >= size || Volatile.Read(ref _rowDone[r]) != j - 1)
            {
                continue;
            }

            int c = (r + _strata[j]) % size;
            if (Volatile.Read(ref _columnDone[c]) != j - 1)
            {
                continue;
            }

            int length = _grid.Block(r, c).Length;
            if (j < position || (j == position && length > largest))
            {
                (position, row, column, largest) = (j, r, c, length);
            }
        }

        if (row < 0 || Interlocked.CompareExchange(ref _rowNext[row], position + 1, position) != position)
        {
            return false;
        }

        Interlocked.Decrement(ref _unclaimed);
        return true;
    }

    private void RunBlock(int block)
    {
        switch (_state.Stride)
        {
            case 32:
                RunBlock<RowsOf32>(block);
                break;
            case 64:
                RunBlock<RowsOf64>(block);
                break;
            case 128:
                RunBlock<RowsOf128>(block);
                break;
            default:
                RunBlock<RowsOfAnyLength>(block);
                break;
        }
    }

    private void RunBlock<TRows>(int block)
        where TRows : struct, IRowShape
    {
        ReadOnlySpan<TrainingEntry> entries = _grid.Block(block);
        var context = new SgdContext(_state, _learningRate);
        int streams = _grid.StreamCount;
        _blockLoss[block] = streams > 1 && entries.Length >= 2 * streams
            ? RunDealt<TRows>(in context, entries, streams)
            : RunInOrder<TRows>(in context, entries);
    }

    // The rows of a rating a few steps ahead are fetched before its update, so that they are in
    // L1 by then instead of costing a cache miss on the critical path. Item rows are scattered
    // across the block but mostly in L2 (an item block fits there). A user row is new to the
    // cache only when a run moves on to its next user, and then comes from L3 (a user block is
    // larger than L2), so it is fetched twice as far ahead. The distance is a fixed number of
    // bytes of item rows in flight: with rows of 64 floats, 16 ratings measured 16-20% faster
    // than 8, while with rows of 128 floats 8 stayed best.
    private static int ItemDistance(int stride) => Math.Max(4, PrefetchBytes / (stride * sizeof(float)));

    /// <summary>
    /// A block in its stored order (user by user), one update after another: shuffled grids, and
    /// blocks too small to deal.
    /// </summary>
    // Fully optimized from the first call (also below): an epoch calls this only a few dozen
    // times, each a long loop, so tiered compilation would run the first epochs in
    // on-stack-replacement code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RunInOrder<TRows>(in SgdContext context, ReadOnlySpan<TrainingEntry> entries)
        where TRows : struct, IRowShape
    {
        double loss = 0;
        int count = entries.Length;
        int stride = TRows.Stride(in context);
        ref TrainingEntry first = ref MemoryMarshal.GetReference(entries);
        int itemDistance = ItemDistance(stride);
        int userDistance = 2 * itemDistance;
        int k0 = 0;
        if (count > userDistance)
        {
            for (int k = 0; k < itemDistance; k++)
            {
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref first, k).Item, stride);
                TRule.PrefetchItem(in context, Unsafe.Add(ref first, k).Item);
            }

            for (int k = 0; k < userDistance; k++)
            {
                Prefetcher.Row(ref context.P, Unsafe.Add(ref first, k).User, stride);
                TRule.PrefetchUser(in context, Unsafe.Add(ref first, k).User);
            }

            // SAFETY: every index read through the entries' reference is below count.
            for (; k0 < count - userDistance; k0++)
            {
                loss += Visit<TRows>(in context, ref Unsafe.Add(ref first, k0), itemDistance, userDistance, stride);
            }
        }

        for (; k0 < count; k0++)
        {
            float error = TRule.Update<TRows>(in context, in Unsafe.Add(ref first, k0));
            loss += error * error;
        }

        return loss;
    }

    /// <summary>
    /// A user-ordered block cut into <paramref name="streams"/> runs of consecutive ratings, dealt
    /// like cards: the first rating of each run, then the second of each, and so on. Consecutive
    /// updates of one user form a dependency chain (each reads the row the previous one wrote);
    /// taking them from different runs lets the processor overlap several chains, while each run
    /// still walks its users in order and keeps their rows in cache. The runs are read in place,
    /// so the grid is never rearranged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double RunDealt<TRows>(in SgdContext context, ReadOnlySpan<TrainingEntry> entries, int streams)
        where TRows : struct, IRowShape
    {
        double loss = 0;
        int count = entries.Length;
        int stride = TRows.Stride(in context);
        ref TrainingEntry first = ref MemoryMarshal.GetReference(entries);

        // Run s holds entries [s·L, min(count, (s + 1)·L)); only the last runs can be short, so
        // every run has an entry in each of the first `full` rounds.
        int runLength = (count + streams - 1) / streams;
        int full = Math.Clamp(count - ((streams - 1) * runLength), 0, runLength);
        int itemAhead = (ItemDistance(stride) + streams - 1) / streams;
        int userAhead = 2 * itemAhead;
        int k0 = 0;
        if (full > userAhead)
        {
            for (int s = 0; s < streams; s++)
            {
                ref TrainingEntry run = ref Unsafe.Add(ref first, s * runLength);
                for (int k = 0; k < userAhead; k++)
                {
                    Prefetcher.Row(ref context.P, Unsafe.Add(ref run, k).User, stride);
                    TRule.PrefetchUser(in context, Unsafe.Add(ref run, k).User);
                    if (k < itemAhead)
                    {
                        Prefetcher.Row(ref context.Q, Unsafe.Add(ref run, k).Item, stride);
                        TRule.PrefetchItem(in context, Unsafe.Add(ref run, k).Item);
                    }
                }
            }

            // SAFETY (both loops): k0 + userAhead < full, so every entry read is inside its own run.
            if (streams == 4)
            {
                // The default, written out: each run is read by instructions of its own, which
                // the processor's stride prefetcher follows as four sequential streams.
                ref TrainingEntry run0 = ref first;
                ref TrainingEntry run1 = ref Unsafe.Add(ref first, runLength);
                ref TrainingEntry run2 = ref Unsafe.Add(ref first, 2 * runLength);
                ref TrainingEntry run3 = ref Unsafe.Add(ref first, 3 * runLength);
                for (; k0 < full - userAhead; k0++)
                {
                    loss += Visit<TRows>(in context, ref Unsafe.Add(ref run0, k0), itemAhead, userAhead, stride);
                    loss += Visit<TRows>(in context, ref Unsafe.Add(ref run1, k0), itemAhead, userAhead, stride);
                    loss += Visit<TRows>(in context, ref Unsafe.Add(ref run2, k0), itemAhead, userAhead, stride);
                    loss += Visit<TRows>(in context, ref Unsafe.Add(ref run3, k0), itemAhead, userAhead, stride);
                }
            }

            for (; k0 < full - userAhead; k0++)
            {
                ref TrainingEntry entry = ref Unsafe.Add(ref first, k0);
                for (int s = 0; s < streams; s++, entry = ref Unsafe.Add(ref entry, runLength))
                {
                    loss += Visit<TRows>(in context, ref entry, itemAhead, userAhead, stride);
                }
            }
        }

        // The last rounds, where short runs have run out.
        for (; k0 < runLength; k0++)
        {
            for (int s = 0; s < streams; s++)
            {
                int index = (s * runLength) + k0;
                if (index < count)
                {
                    float error = TRule.Update<TRows>(in context, in Unsafe.Add(ref first, index));
                    loss += error * error;
                }
            }
        }

        return loss;
    }

    /// <summary>Prefetches the rows of the entries some steps ahead in the same run, then updates this one; returns the squared error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Visit<TRows>(in SgdContext context, ref TrainingEntry entry, int itemAhead, int userAhead, int stride)
        where TRows : struct, IRowShape
    {
        int item = Unsafe.Add(ref entry, itemAhead).Item;
        Prefetcher.Row(ref context.Q, item, stride);
        TRule.PrefetchItem(in context, item);
        int user = Unsafe.Add(ref entry, userAhead).User;
        if (Unsafe.Add(ref entry, userAhead - 1).User != user)
        {
            Prefetcher.Row(ref context.P, user, stride);
            TRule.PrefetchUser(in context, user);
        }

        float error = TRule.Update<TRows>(in context, in entry);
        return error * error;
    }

    /// <summary>How many bytes of item rows are prefetched ahead of the update that needs them (user rows twice as far).</summary>
    private const int PrefetchBytes = 4096;
}
