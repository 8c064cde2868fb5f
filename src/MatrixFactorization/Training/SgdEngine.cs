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
        // runs they are in L1 instead of costing an L2/L3 round trip on the critical path. Item
        // rows are scattered across the block. A user row is new to the cache only when a stream
        // moves on to its next user (a user block is larger than L2); otherwise the same stream's
        // previous rating has just brought it in.
        int distance = Math.Min(_prefetchDistance, count);
        for (int k = 0; k < distance; k++)
        {
            ref readonly TrainingEntry ahead = ref Unsafe.Add(ref first, k);
            Prefetcher.Row(ref context.Q, ahead.Item, context.Stride);
            Prefetcher.Row(ref context.P, ahead.User, context.Stride);
        }

        int k0 = 0;
        if (distance > 0)
        {
            // SAFETY (both loops): k + distance < count and k + distance - lag >= 0 hold for every
            // index read through the entries' reference.
            for (; k0 < count - distance && k0 + distance < lag; k0++)
            {
                ref readonly TrainingEntry ahead = ref Unsafe.Add(ref first, k0 + distance);
                Prefetcher.Row(ref context.Q, ahead.Item, context.Stride);
                Prefetcher.Row(ref context.P, ahead.User, context.Stride);
                float error = TRule.Update(in context, in Unsafe.Add(ref first, k0), learningRate);
                loss += error * error;
            }

            for (; k0 < count - distance; k0++)
            {
                ref readonly TrainingEntry ahead = ref Unsafe.Add(ref first, k0 + distance);
                Prefetcher.Row(ref context.Q, ahead.Item, context.Stride);
                if (Unsafe.Add(ref first, k0 + distance - lag).User != ahead.User)
                {
                    Prefetcher.Row(ref context.P, ahead.User, context.Stride);
                }

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

    /// <summary>How many ratings ahead item rows are prefetched; 0 turns prefetching off (for benchmarks).</summary>
    internal const int DefaultPrefetchDistance = 8;
}

/// <summary>An epoch loop, whatever its update rule.</summary>
internal interface IEpochRunner : IDisposable
{
    double RunEpoch(int epoch, float learningRate, CancellationToken cancellation);
}
