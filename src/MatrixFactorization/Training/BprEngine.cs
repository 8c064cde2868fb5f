using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// How many runs a block is dealt into, as the SGD loop deals its blocks: consecutive steps of
    /// one user read the row the previous step wrote, and interleaving users lets the processor
    /// overlap their chains. A BPR step's chain is longer than an SGD step's (the exponential and
    /// the division of the weight sit on it), and eight runs measured about a fifth faster than
    /// four on k = 64; sixteen were no faster.
    /// </summary>
    private const int Streams = 8;

    /// <summary>
    /// How many bytes of item rows are fetched ahead of the step that needs them (user rows twice as
    /// far): with rows of 64 floats, four rounds of the eight runs.
    /// </summary>
    private const int PrefetchBytes = 8192;

    private readonly BprState _state;
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
    private readonly Action<int> _runRow;
    private readonly Action<int> _arrangeRow;
    private int _epoch;
    private int _stratum;
    private float _learningRate;

    public BprEngine(BprState state, BprGrid grid, BprOptions options)
    {
        _state = state;
        _grid = grid;
        _excludePositives = options.NegativeSampling == NegativeSampling.ExcludePositives;
        _regularization = options.Regularization;
        _biasRegularization = options.BiasRegularization;
        _seed = options.Seed;
        _strata = new int[grid.Size];
        _blockLoss = new double[grid.Size * grid.Size];
        _negatives = new int[grid.Count];
        _draws = new NegativeDraws[grid.Size];
        for (int r = 0; r < grid.Size; r++)
        {
            _draws[r] = new NegativeDraws(grid.KnownItemCount);
        }

        // More threads than block rows would have nothing to run.
        _threads = Math.Clamp(options.EffectiveThreads, 1, grid.Size);
        _runner = new PhaseRunner(_threads);
        _runRow = RunRow;
        _arrangeRow = grid.ArrangeRow;

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
        _runner.Run(_arrangeRow, _grid.Size);
        foreach (int stratum in _strata)
        {
            cancellation.ThrowIfCancellationRequested();
            _stratum = stratum;
            _runner.Run(_runRow, _grid.Size);
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

    private void RunRow(int row)
    {
        int size = _grid.Size;
        int column = (row + _stratum) % size;
        int block = (row * size) + column;
        ReadOnlySpan<InteractionPair> pairs = _grid.Block(block);
        Span<int> negatives = _negatives.AsSpan(_grid.BlockStart(block), pairs.Length);
        var rng = SplitMix64.For(_seed, ((long)_epoch * size * size) + block, 0xB9B);
        _draws[row].Fill(pairs, _grid.ColumnItems(column), _grid.ColumnPositions, _excludePositives, rng, negatives);
        var context = new BprContext(_state, _learningRate, _regularization, _biasRegularization);
        Step(in context, pairs, negatives);

        // The loop left each triple's score difference where its negative was.
        _blockLoss[block] = BprLoss.Sum(MemoryMarshal.Cast<int, float>(negatives));
    }

    /// <summary>
    /// Steps a block's triples, compiled once per common stride and for models with and without
    /// item biases, so neither is a question asked per triple.
    /// Each triple's slot in <paramref name="negatives"/> receives, once read, the bits of its
    /// score difference x̂_uij before the step (+∞ for a triple without a negative), from which
    /// <see cref="BprLoss"/> sums the loss.
    /// </summary>
    internal static void Step(in BprContext context, ReadOnlySpan<InteractionPair> pairs, Span<int> negatives)
    {
        if (context.HasBiases)
        {
            Step<WithItemBiases>(in context, pairs, negatives);
        }
        else
        {
            Step<WithoutItemBiases>(in context, pairs, negatives);
        }
    }

    private static void Step<TBiases>(in BprContext context, ReadOnlySpan<InteractionPair> pairs, Span<int> negatives)
        where TBiases : struct, IItemBiases
    {
        switch (context.Stride)
        {
            case 32:
                Step<BprRowsOf32, TBiases>(in context, pairs, negatives);
                break;
            case 64:
                Step<BprRowsOf64, TBiases>(in context, pairs, negatives);
                break;
            case 128:
                Step<BprRowsOf128, TBiases>(in context, pairs, negatives);
                break;
            default:
                Step<BprRowsOfAnyLength, TBiases>(in context, pairs, negatives);
                break;
        }
    }

    /// <summary>
    /// Steps a block's triples: its interactions (ordered by user) cut into <see cref="Streams"/>
    /// runs of consecutive triples and dealt like cards, the first of each run, then the second of
    /// each, and so on, as the SGD loop deals its blocks.
    /// </summary>
    // Fully optimized from the first call: an epoch calls this a few dozen times, each a long loop.
    // Never inlined: the dispatcher above is recompiled at tier 1 after a few calls, and with this
    // loop inlined into it the loop ran a third slower than compiled on its own.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Step<TRows, TBiases>(in BprContext context, ReadOnlySpan<InteractionPair> pairs, Span<int> negatives)
        where TRows : struct, IBprRowShape
        where TBiases : struct, IItemBiases
    {
        int count = pairs.Length;
        int stride = TRows.Stride(in context);
        ref InteractionPair firstPair = ref MemoryMarshal.GetReference(pairs);
        ref int firstNegative = ref MemoryMarshal.GetReference(negatives);
        int runLength = (count + Streams - 1) / Streams;

        // Every run has a triple in each of the first `full` rounds; only the last runs can be short.
        int full = Math.Clamp(count - ((Streams - 1) * runLength), 0, runLength);
        int itemAhead = (Math.Max(4, PrefetchBytes / (stride * sizeof(float))) + Streams - 1) / Streams;
        int userAhead = 2 * itemAhead;
        int k0 = 0;
        if (full > userAhead)
        {
            for (; k0 < full - userAhead; k0++)
            {
                // SAFETY: k0 + userAhead < full, so every index read is inside its own run.
                for (int s = 0; s < Streams; s++)
                {
                    int index = (s * runLength) + k0;
                    ref InteractionPair pair = ref Unsafe.Add(ref firstPair, index);
                    ref int negative = ref Unsafe.Add(ref firstNegative, index);
                    Prefetcher.Row(ref context.Q, Unsafe.Add(ref pair, itemAhead).Item, stride);
                    Prefetcher.Row(ref context.Q, Unsafe.Add(ref negative, itemAhead), stride);
                    int user = Unsafe.Add(ref pair, userAhead).User;
                    if (Unsafe.Add(ref pair, userAhead - 1).User != user)
                    {
                        Prefetcher.Row(ref context.P, user, stride);
                    }

                    Visit<TBiases>(in context, pair, ref negative, stride);
                }
            }
        }

        // The last rounds, where short runs have run out.
        for (; k0 < runLength; k0++)
        {
            for (int s = 0; s < Streams; s++)
            {
                int index = (s * runLength) + k0;
                if (index < count)
                {
                    VisitOne<TBiases>(in context, Unsafe.Add(ref firstPair, index), ref Unsafe.Add(ref firstNegative, index), stride);
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Visit"/> as a call of its own, for the few triples of a block's last rounds: inlined
    /// a second time into the block loop, the step left the loop past the JIT's inlining budget,
    /// and the main loop measured a sixth slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void VisitOne<TBiases>(in BprContext context, InteractionPair pair, ref int slot, int stride)
        where TBiases : struct, IItemBiases =>
        Visit<TBiases>(in context, pair, ref slot, stride);

    /// <summary>Steps one triple and leaves its score difference in its negative's slot; a triple without a negative leaves +∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Visit<TBiases>(in BprContext context, InteractionPair pair, ref int slot, int stride)
        where TBiases : struct, IItemBiases
    {
        int negative = slot;
        if (negative < 0)
        {
            Unsafe.As<int, float>(ref slot) = float.PositiveInfinity;
            return;
        }

        BprOutcome step = FactorKernels.BprStepPadded(
            KernelDispatch.Active,
            ref BprContext.Row(ref context.P, pair.User, stride),
            ref BprContext.Row(ref context.Q, pair.Item, stride),
            ref BprContext.Row(ref context.Q, negative, stride),
            stride,
            TBiases.Enabled ? context.Bias(pair.Item) - context.Bias(negative) : 0f,
            context.LearningRate,
            context.DecayP,
            context.DecayQ);
        if (TBiases.Enabled)
        {
            // b_i ← d_b·b_i + η·w and b_j ← d_b·b_j − η·w, the biases' share of the step.
            float gain = context.LearningRate * step.Weight;
            ref float positive = ref context.Bias(pair.Item);
            ref float negativeBias = ref context.Bias(negative);
            positive = (context.DecayB * positive) + gain;
            negativeBias = (context.DecayB * negativeBias) - gain;
        }

        Unsafe.As<int, float>(ref slot) = step.Difference;
    }
}
