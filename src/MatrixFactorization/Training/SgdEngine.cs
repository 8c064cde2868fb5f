using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Training;

/// <summary>Runs SGD epochs over a <see cref="BlockGrid"/> with one update rule.</summary>
internal sealed class SgdEngine<TRule> : IEpochRunner
    where TRule : struct, IUpdateRule
{
    private readonly SgdState _state;
    private readonly BlockGrid _grid;
    private readonly double[] _blockLoss;
    private readonly int[] _strata;
    private readonly PhaseRunner _runner;
    private readonly Action<int> _runStratumBlock;
    private int _stratum;
    private readonly int _seed;
    private readonly int _prefetchDistance;
    private float _learningRate;

    public SgdEngine(SgdState state, BlockGrid grid, int threads, int seed, int prefetchDistance = DefaultPrefetchDistance)
    {
        _prefetchDistance = prefetchDistance;
        _state = state;
        _grid = grid;
        _seed = seed;
        _blockLoss = new double[grid.Size * grid.Size];
        _strata = new int[grid.Size];
        // More threads than blocks in a stratum would only spin with nothing to claim.
        _runner = new PhaseRunner(Math.Clamp(threads, 1, grid.Size));
        _runStratumBlock = r => RunBlock(_grid.BlockOf(_stratum, r));
    }

    /// <summary>Runs one epoch and returns the sum of squared pre-update errors.</summary>
    public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
    {
        _learningRate = learningRate;

        // The stratum order changes every epoch (seeded), so no item block always comes first.
        for (int s = 0; s < _strata.Length; s++)
        {
            _strata[s] = s;
        }

        var rng = SplitMix64.For(_seed, epoch, 0x57A7);
        rng.Shuffle(_strata.AsSpan());
        foreach (int stratum in _strata)
        {
            cancellation.ThrowIfCancellationRequested();

            // The blocks of a stratum share no user and no item, so they may run in any order.
            _stratum = stratum;
            _runner.Run(_runStratumBlock, _grid.Size);
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

    // Fully optimized from the first call: an epoch calls this only a few dozen times, each a long
    // loop, so tiered compilation would run the first epochs in on-stack-replacement code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBlock(int block)
    {
        ReadOnlySpan<TrainingEntry> entries = _grid.Block(block);
        float learningRate = _learningRate;
        double loss = 0;
        int count = entries.Length;
        int lag = _grid.StreamCount;
        var context = new SgdContext(_state);
        ref TrainingEntry first = ref MemoryMarshal.GetReference(entries);

        // The rows of a rating a few steps ahead are fetched now, so that by the time its update
        // runs they are in L1 instead of costing a cache miss on the critical path. Item rows are
        // scattered across the block but mostly in L2 (an item block fits there). A user row is
        // new to the cache only when a stream moves on to its next user, and then comes from L3
        // (a user block is larger than L2), so it is fetched twice as far ahead: 8 ratings ahead
        // left it still in flight when needed; 16 measured 10-20% faster at k = 64 and 128.
        int itemDistance = _prefetchDistance;
        int userDistance = Math.Max(2 * itemDistance, lag);
        int k0 = 0;
        if (itemDistance > 0 && count > userDistance)
        {
            for (int k = 0; k < itemDistance; k++)
            {
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref first, k).Item, context.Stride);
            }

            for (int k = 0; k < userDistance; k++)
            {
                Prefetcher.Row(ref context.P, Unsafe.Add(ref first, k).User, context.Stride);
            }

            // SAFETY (both loops): every index read through the entries' reference is below
            // count, and k0 + userDistance - lag >= 0 because userDistance >= lag.
            for (; k0 < count - userDistance; k0++)
            {
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref first, k0 + itemDistance).Item, context.Stride);
                int user = Unsafe.Add(ref first, k0 + userDistance).User;
                if (Unsafe.Add(ref first, k0 + userDistance - lag).User != user)
                {
                    Prefetcher.Row(ref context.P, user, context.Stride);
                }

                float error = TRule.Update(in context, in Unsafe.Add(ref first, k0), learningRate);
                loss += error * error;
            }

            for (; k0 < count - itemDistance; k0++)
            {
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref first, k0 + itemDistance).Item, context.Stride);
                float error = TRule.Update(in context, in Unsafe.Add(ref first, k0), learningRate);
                loss += error * error;
            }
        }

        for (; k0 < count; k0++)
        {
            float error = TRule.Update(in context, in Unsafe.Add(ref first, k0), learningRate);
            loss += error * error;
        }

        _blockLoss[block] = loss;
    }

    /// <summary>How many ratings ahead item rows are prefetched (user rows twice as far); 0 turns prefetching off (for benchmarks).</summary>
    internal const int DefaultPrefetchDistance = 8;
}

/// <summary>An epoch loop, whatever its update rule.</summary>
internal interface IEpochRunner : IDisposable
{
    double RunEpoch(int epoch, float learningRate, CancellationToken cancellation);
}
