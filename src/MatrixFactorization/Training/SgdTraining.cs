using System.Diagnostics;
using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>The epoch loop shared by the plain and biased trainers: schedule, progress, early
/// stopping, divergence and cancellation.</summary>
internal static class SgdTraining
{
    public static SgdState Run(
        RatingStore train,
        RatingStore? validation,
        SgdOptions options,
        bool biased,
        float biasRegularization,
        TrainingDomain domain,
        IProgress<EpochReport>? progress,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(train);
        options.Validate();
        if (train.Count == 0)
        {
            throw new ArgumentException("The training store has no ratings.", nameof(train));
        }

        SgdState state = CreateState(train, options, biased, biasRegularization, domain);
        BlockGrid grid = BlockGrid.Build(train, options.GridSize, options.Seed, options.Shuffle, threads: options.EffectiveThreads);
        ValidationSet? validationSet = validation is null ? null : ValidationSet.Map(validation, domain);
        bool adaGrad = options.Optimizer == SgdOptimizer.AdaGrad;
        using IEpochRunner runner = (biased, adaGrad) switch
        {
            (false, false) => new SgdEngine<PlainSgdRule>(state, grid, options.EffectiveThreads, options.Seed),
            (true, false) => new SgdEngine<BiasedSgdRule>(state, grid, options.EffectiveThreads, options.Seed),
            (false, true) => new SgdEngine<PlainAdaGradRule>(state, grid, options.EffectiveThreads, options.Seed),
            (true, true) => new SgdEngine<BiasedAdaGradRule>(state, grid, options.EffectiveThreads, options.Seed),
        };

        Snapshot? best = null;
        var earlyStopping = new EarlyStopping(options.EarlyStoppingPatience, validationSet is not null);
        float learningRate = options.LearningRate;
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            long start = Stopwatch.GetTimestamp();
            double loss = runner.RunEpoch(epoch, learningRate, cancellation);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            if (!double.IsFinite(loss))
            {
                throw new TrainingDivergedException(epoch, learningRate);
            }

            double? validationRmse = validationSet?.Rmse(state, domain, biased, options.ClipPredictions);
            progress?.Report(new EpochReport(
                epoch,
                Math.Sqrt(loss / train.Count),
                validationRmse,
                learningRate,
                elapsed,
                train.Count / Math.Max(elapsed.TotalSeconds, 1e-9)));

            EarlyStopping.Decision decision = earlyStopping.Observe(validationRmse);
            if (decision == EarlyStopping.Decision.Improved)
            {
                best ??= new Snapshot(state);
                best.Save(state);
            }
            else if (decision == EarlyStopping.Decision.Stop)
            {
                break;
            }

            learningRate *= options.LearningRateDecay;
        }

        best?.Restore(state);
        return state;
    }

    private static SgdState CreateState(RatingStore train, SgdOptions options, bool biased, float biasRegularization, TrainingDomain domain)
    {
        var p = new FactorMatrix(train.UserCount, options.Factors);
        var q = new FactorMatrix(train.ItemCount, options.Factors);
        FactorInitialization init = options.Initialization;
        float mean = init.Distribution == FactorDistribution.MeanMatchedNormal
            ? MathF.Sqrt(Math.Max(domain.GlobalMean, 0f) / options.Factors)
            : init.A;
        Initialize(p, init, mean, SplitMix64.For(options.Seed, 3, 0x1417), options.EffectiveThreads);
        Initialize(q, init, mean, SplitMix64.For(options.Seed, 4, 0x1417), options.EffectiveThreads);
        return new SgdState(
            p,
            q,
            new float[train.UserCount],
            new float[train.ItemCount],
            biased ? domain.GlobalMean : 0f,
            options.FactorRegularization,
            options.FactorRegularization,
            biasRegularization,
            options.Optimizer == SgdOptimizer.AdaGrad);
    }

    internal static void Initialize(FactorMatrix matrix, FactorInitialization init, float mean, SplitMix64 rng, int threads)
    {
        // Rows in chunks on several threads, each chunk's values fixed by its position alone, so
        // they do not depend on the thread count. A uniform value takes one draw, and each chunk's
        // generator is jumped ahead to exactly where a single pass would be. Normal draws take a
        // varying number of draws (the ziggurat rejects some), so each chunk starts its own
        // stretch of the sequence, 2^40 draws from the next; each row is drawn in place.
        const int ChunkRows = 1024;
        int columns = matrix.Columns;
        int chunks = (matrix.Rows + ChunkRows - 1) / ChunkRows;
        bool uniform = init.Distribution == FactorDistribution.Uniform;
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(threads, 1) },
            chunk =>
            {
                SplitMix64 local = rng;
                local.Skip(uniform ? (ulong)chunk * ChunkRows * (ulong)columns : (ulong)chunk << 40);
                int first = chunk * ChunkRows;
                int rows = Math.Min(matrix.Rows, first + ChunkRows) - first;
                for (int r = 0; r < rows; r++)
                {
                    Span<float> row = matrix.Row(first + r);
                    if (uniform)
                    {
                        foreach (ref float value in row)
                        {
                            value = init.A + ((init.B - init.A) * local.NextSingle());
                        }
                    }
                    else
                    {
                        local.NextGaussians(row);
                        foreach (ref float value in row)
                        {
                            value = mean + (init.B * value);
                        }
                    }
                }
            });
    }

    /// <summary>The parameters of the best epoch so far (allocated once, on first improvement).</summary>
    private sealed class Snapshot(SgdState state)
    {
        private readonly float[] _p = new float[state.P.PaddedStorage.Length];
        private readonly float[] _q = new float[state.Q.PaddedStorage.Length];
        private readonly float[] _userBiases = new float[state.UserBiases.Length];
        private readonly float[] _itemBiases = new float[state.ItemBiases.Length];

        public void Save(SgdState s)
        {
            s.P.PaddedStorage.CopyTo(_p);
            s.Q.PaddedStorage.CopyTo(_q);
            s.UserBiases.CopyTo(_userBiases, 0);
            s.ItemBiases.CopyTo(_itemBiases, 0);
        }

        public void Restore(SgdState s)
        {
            _p.CopyTo(s.P.PaddedStorage);
            _q.CopyTo(s.Q.PaddedStorage);
            _userBiases.CopyTo(s.UserBiases, 0);
            _itemBiases.CopyTo(s.ItemBiases, 0);
        }
    }
}
