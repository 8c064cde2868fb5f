using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Runs BPR epochs over a <see cref="BprGrid"/>: every interaction of a block is the positive of
/// one triple an epoch, its negative drawn from the block's column (see <see cref="BprGrid"/> for
/// why), and the blocks of a stratum run on several threads at once.
/// </summary>
/// <remarks>
/// An epoch takes the strata in a seeded order, one after another; within a stratum the blocks
/// share no row, so who runs which cannot change a bit. A block's negatives come from a generator
/// fixed by the seed, the epoch and the block alone, and the block is stepped in the same order
/// on any thread, so the model is the same for any thread count.
/// </remarks>
internal sealed class BprEngine : IEpochRunner
{
    /// <summary>
    /// The most triples of one user stepped with the user's row held fixed (<see cref="BprRuns"/>):
    /// a user with more in a block takes several runs, so the row never goes stale for long.
    /// </summary>
    internal const int MaxRun = 32;

    /// <summary>How many bytes of item rows are fetched ahead of the triple that needs them: with rows of 64 floats, 8 triples.</summary>
    /// <remarks>
    /// A block's item rows lie together (<see cref="BprGrid"/>) and mostly come from the second-level
    /// cache or just past it, not from main memory, so a short lead is enough. At 8 triples ahead
    /// rather than 32, epochs ran 1.06–1.10 times as fast at k = 32, 64 and 128, with AVX-512 and
    /// AVX2; 4 or 16 triples ahead were no faster than 8. The likely cause: 256 cache lines in
    /// flight are more than the processor tracks, and rows fetched that early can be evicted again.
    /// </remarks>
    private const int PrefetchBytes = 2048;

    /// <summary>Strides up to this keep a run's summed user step on the stack.</summary>
    private const int StackSums = 1024;

    private readonly BprState _state;

    // The state training steps: the user rows themselves, the item rows and biases copied into the
    // epoch's slot order (BprGrid) before the strata and back after them.
    private readonly BprState _working;
    private readonly BprGrid _grid;
    private readonly bool _excludePositives;
    private readonly float _regularization;
    private readonly float _biasRegularization;
    private readonly ulong _seed;
    private readonly PhaseRunner _runner;
    private readonly int _threads;
    private readonly int[] _strata;
    private readonly double[] _blockLoss;

    // The negative of every triple, by the position of its positive in the epoch's arrangement.
    private readonly int[] _negatives;

    // One sampler (with its scratch) per block row: a stratum runs one block of each row at a time.
    private readonly NegativeDraws[] _draws;

    // Where the runs of the block being stepped start, one bitmap per block row, sized for the row.
    private readonly ulong[][] _runStarts;
    private readonly Action<int> _runRow;
    private readonly Action<int> _prepare;
    private readonly Action<int> _restore;
    private int _epoch;
    private int _stratum;
    private float _learningRate;

    public BprEngine(BprState state, BprGrid grid, BprOptions options)
    {
        _state = state;
        _working = new BprState(
            state.P,
            new FactorMatrix(grid.KnownItemCount, state.Q.Columns),
            state.ItemBiases.Length == 0 ? [] : new float[grid.KnownItemCount]);
        _grid = grid;
        _excludePositives = options.NegativeSampling == NegativeSampling.ExcludePositives;
        _regularization = options.Regularization;
        _biasRegularization = options.BiasRegularization;
        _seed = options.Seed;
        _strata = new int[grid.Size];
        _blockLoss = new double[grid.Size * grid.Size];
        _negatives = new int[grid.Count];
        _draws = new NegativeDraws[grid.Size];
        _runStarts = new ulong[grid.Size][];
        for (int r = 0; r < grid.Size; r++)
        {
            _draws[r] = new NegativeDraws(grid.KnownItemCount);
            _runStarts[r] = new ulong[BprRunStarts.Words(grid.RowLength(r))];
        }

        // More threads than block rows would have nothing to run.
        _threads = Math.Clamp(options.EffectiveThreads, 1, grid.Size);
        _runner = new PhaseRunner(_threads);
        _runRow = RunRow;
        _prepare = Prepare;
        _restore = part => CopySlots(part, toWorking: false);

        // As in the SGD loop: the kernel path must be a constant when the block loop is compiled.
        RuntimeHelpers.RunClassConstructor(typeof(KernelDispatch).TypeHandle);
    }

    /// <summary>Runs one epoch and returns the summed BPR loss −ln σ(x̂_uij) of its triples, each before its step.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        _epoch = epoch;
        _learningRate = learningRate;
        for (int s = 0; s < _strata.Length; s++)
        {
            _strata[s] = s;
        }

        var rng = SplitMix64.For(_seed, epoch, 0x57A7B);
        rng.Shuffle(_strata.AsSpan());
        _grid.Arrange(epoch);
        _runner.Run(_prepare, _grid.Size);
        try
        {
            foreach (int stratum in _strata)
            {
                cancellation.ThrowIfCancellationRequested();
                _stratum = stratum;
                _runner.Run(_runRow, _grid.Size);
            }
        }
        finally
        {
            // Also when cancelled: the item rows keep the steps taken so far, as the user rows do.
            _runner.Run(_restore, _grid.Size);
        }

        // Summed in block order, not completion order, so the loss is reproducible too.
        double loss = 0;
        foreach (double blockLoss in _blockLoss)
        {
            loss += blockLoss;
        }

        return loss;
    }

    public void Dispose() => _runner.Dispose();

    /// <summary>Arranges block row <paramref name="part"/> and copies a share of the item rows into slot order.</summary>
    private void Prepare(int part)
    {
        _grid.ArrangeRow(part);
        CopySlots(part, toWorking: true);
    }

    /// <summary>
    /// Copies the item rows (and biases) of share <paramref name="part"/> of the slots between item
    /// order in the state and slot order in the working copy; the shares are disjoint, so they may
    /// be copied at the same time.
    /// </summary>
    private void CopySlots(int part, bool toWorking)
    {
        int slots = _grid.KnownItemCount, size = _grid.Size;
        int from = (int)((long)slots * part / size), to = (int)((long)slots * (part + 1) / size);
        ReadOnlySpan<int> slotItems = _grid.SlotItems;
        Span<float> items = _state.Q.PaddedStorage, working = _working.Q.PaddedStorage;
        float[] itemBiases = _state.ItemBiases, workingBiases = _working.ItemBiases;
        int stride = _state.Q.Stride;
        for (int slot = from; slot < to; slot++)
        {
            int item = slotItems[slot];
            Span<float> itemRow = items.Slice(item * stride, stride), workingRow = working.Slice(slot * stride, stride);
            if (toWorking)
            {
                itemRow.CopyTo(workingRow);
            }
            else
            {
                workingRow.CopyTo(itemRow);
            }
        }

        if (itemBiases.Length != 0)
        {
            for (int slot = from; slot < to; slot++)
            {
                int item = slotItems[slot];
                if (toWorking)
                {
                    workingBiases[slot] = itemBiases[item];
                }
                else
                {
                    itemBiases[item] = workingBiases[slot];
                }
            }
        }
    }

    private void RunRow(int row)
    {
        int size = _grid.Size;
        int column = (row + _stratum) % size;
        int block = (row * size) + column;
        ReadOnlySpan<InteractionPair> pairs = _grid.Block(block);
        Span<int> negatives = _negatives.AsSpan(_grid.BlockStart(block), pairs.Length);
        var rng = SplitMix64.For(_seed, ((long)_epoch * size * size) + block, 0xB9B);
        // Marked once for both passes: the draws and the step take each run's end from it.
        Span<ulong> runStarts = _runStarts[row];
        BprRunStarts.Mark(pairs, runStarts);
        _draws[row].Fill(pairs, runStarts, _grid.ColumnStart(column), _grid.ColumnLength(column), _excludePositives, rng, negatives);
        var context = new BprContext(_working, _learningRate, _regularization, _biasRegularization);
        Step(in context, pairs, negatives, runStarts);

        // The loop left each triple's score difference where its negative was.
        _blockLoss[block] = BprLoss.Sum(MemoryMarshal.Cast<int, float>(negatives));
    }

    /// <summary>
    /// Steps a block's triples, compiled once per common stride and for models with and without
    /// item biases, so neither is a question asked per triple.
    /// Each triple's slot in <paramref name="negatives"/> receives, once read, the bits of its
    /// score difference x̂_uij before the step (+∞ for a triple without a negative), from which
    /// <see cref="BprLoss"/> sums the loss. <paramref name="runStarts"/> is the block's bitmap of
    /// run starts (<see cref="BprRunStarts.Mark"/>).
    /// </summary>
    internal static void Step(in BprContext context, ReadOnlySpan<InteractionPair> pairs, Span<int> negatives, ReadOnlySpan<ulong> runStarts)
    {
        if (context.HasBiases)
        {
            Step<WithItemBiases>(in context, pairs, negatives, runStarts);
        }
        else
        {
            Step<WithoutItemBiases>(in context, pairs, negatives, runStarts);
        }
    }

    private static void Step<TBiases>(in BprContext context, ReadOnlySpan<InteractionPair> pairs, Span<int> negatives, ReadOnlySpan<ulong> runStarts)
        where TBiases : struct, IItemBiases
    {
        switch (context.Stride)
        {
            case 32:
                Step<BprRowsOf32, TBiases>(in context, pairs, negatives, runStarts);
                break;
            case 64:
                Step<BprRowsOf64, TBiases>(in context, pairs, negatives, runStarts);
                break;
            case 128:
                Step<BprRowsOf128, TBiases>(in context, pairs, negatives, runStarts);
                break;
            case 256:
                Step<BprRowsOf256, TBiases>(in context, pairs, negatives, runStarts);
                break;
            default:
                Step<BprRowsOfAnyLength, TBiases>(in context, pairs, negatives, runStarts);
                break;
        }
    }

    /// <summary>
    /// Steps a block's triples in order, one run of a user's consecutive triples at a time (at most
    /// <see cref="MaxRun"/>), each run by <see cref="BprRuns"/> with the user's row held fixed.
    /// </summary>
    // Fully optimized from the first call: an epoch calls this a few dozen times, each a long loop.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Step<TRows, TBiases>(in BprContext context, ReadOnlySpan<InteractionPair> pairs, Span<int> negatives, ReadOnlySpan<ulong> runStarts)
        where TRows : struct, IBprRowShape
        where TBiases : struct, IItemBiases
    {
        int count = pairs.Length;
        if (count == 0)
        {
            return;
        }

        int stride = TRows.Stride(in context);
        ref InteractionPair firstPair = ref MemoryMarshal.GetReference(pairs);
        ref int firstNegative = ref MemoryMarshal.GetReference(negatives);
        int ahead = Math.Max(4, PrefetchBytes / (stride * sizeof(float)));
        int last = count - 1;
        KernelPath path = KernelDispatch.Active;
        bool four = (path == KernelPath.Vector512 && stride == 4 * Vector512<float>.Count)
            || (path == KernelPath.Vector256 && stride == 4 * Vector256<float>.Count);
        bool eight = path == KernelPath.Vector256 && stride == 8 * Vector256<float>.Count;

        // Four and Eight keep the run's summed user step in registers; the others in memory.
        bool inRegisters = four || eight;
        float[]? rented = null;
        Span<float> sums = inRegisters ? default
            : stride <= StackSums ? stackalloc float[StackSums]
            : (rented = ArrayPool<float>.Shared.Rent(stride));
        sums[..(inRegisters ? 0 : stride)].Clear();
        ref float firstSum = ref MemoryMarshal.GetReference(sums);
        Span<int> group = stackalloc int[BprGroups.ScratchLength];
        ref int firstGroup = ref MemoryMarshal.GetReference(group);
        ref ulong firstStart = ref MemoryMarshal.GetReference(runStarts);
        Prefetcher.Row(ref context.P, firstPair.User, stride);
        int start = 0;
        int scout = 1;
        while (start < count)
        {
            int end = Math.Min(BprRunStarts.Next(ref firstStart, start + 1), start + MaxRun);

            // Every user's row, once, when the scout passes the user's first triple, a look-ahead of
            // triples before the run that needs it. Prefetching only the user found at a fixed
            // distance past each run would skip the users whose runs start inside that distance
            // after a long run, and their rows would be fetched when the run starts, in full.
            int scoutEnd = Math.Min(end + ahead, count);
            while ((scout = BprRunStarts.Next(ref firstStart, scout)) < scoutEnd)
            {
                // SAFETY: scout < count.
                Prefetcher.Row(ref context.P, Unsafe.Add(ref firstPair, scout).User, stride);
                scout++;
            }

            if (four && path == KernelPath.Vector512)
            {
                BprRuns.Four<Simd512, Vector512<float>, TBiases>(in context, ref firstGroup, ref firstPair, ref firstNegative, start, end, last, ahead);
            }
            else if (four)
            {
                BprRuns.Four<Simd256, Vector256<float>, TBiases>(in context, ref firstGroup, ref firstPair, ref firstNegative, start, end, last, ahead);
            }
            else if (eight)
            {
                BprRuns.Eight<Simd256, Vector256<float>, TBiases>(in context, ref firstGroup, ref firstPair, ref firstNegative, start, end, last, ahead);
            }
            else if (path == KernelPath.Vector512)
            {
                BprRuns.Whole<Simd512, Vector512<float>, TBiases>(in context, stride, ref firstSum, ref firstPair, ref firstNegative, start, end, last, ahead);
            }
            else if (path == KernelPath.Vector256)
            {
                BprRuns.Whole<Simd256, Vector256<float>, TBiases>(in context, stride, ref firstSum, ref firstPair, ref firstNegative, start, end, last, ahead);
            }
            else if (path == KernelPath.Vector128)
            {
                BprRuns.Whole<Simd128, Vector128<float>, TBiases>(in context, stride, ref firstSum, ref firstPair, ref firstNegative, start, end, last, ahead);
            }
            else
            {
                BprRuns.Scalar<TBiases>(in context, stride, ref firstSum, ref firstPair, ref firstNegative, start, end);
            }

            start = end;
        }

        if (rented is not null)
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }
}
