using BenchmarkDotNet.Attributes;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Benchmarks.Training;

/// <summary>
/// One SGD epoch of biased MF on data shaped like the LIBMF comparison set (160k users, 40k
/// items, 18M ratings), by factor count and thread count. The ns/rating column is the time per
/// update over all threads; MemoryDiagnoser shows the epoch allocates nothing.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerRatingConfig))]
public class TrainingEpochBench
{
    internal const int Users = 160_000;
    internal const int Items = 40_000;
    internal const int Ratings = 18_000_000;

    private static RatingStore? s_store;
    private IEpochRunner _runner = null!;
    private int _epoch;

    [Params(64, 128)]
    public int Factors { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Ratings ahead whose item row is prefetched; 0 is the loop without prefetching.</summary>
    [Params(0, 4)]
    public int Prefetch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        s_store ??= MakeStore();
        var options = new BiasedMatrixFactorizationOptions { Factors = Factors, Threads = Threads, Shuffle = false, GridSize = 8 };
        var p = new FactorMatrix(s_store.UserCount, Factors);
        var q = new FactorMatrix(s_store.ItemCount, Factors);
        var rng = new Random(1);
        for (int u = 0; u < p.Rows; u++)
        {
            foreach (ref float x in p.Row(u))
            {
                x = (float)(rng.NextDouble() * 0.1);
            }
        }

        for (int i = 0; i < q.Rows; i++)
        {
            foreach (ref float x in q.Row(i))
            {
                x = (float)(rng.NextDouble() * 0.1);
            }
        }

        var state = new SgdState(p, q, new float[p.Rows], new float[q.Rows], 3.5f, 0.05f, 0.05f, 0.02f, adaGrad: false);
        BlockGrid grid = BlockGrid.Build(s_store, options.GridSize, options.Seed, options.Shuffle);
        _runner = new SgdEngine<BiasedSgdRule>(state, grid, Threads, options.Seed, Prefetch);
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public double Epoch() => _runner.RunEpoch(++_epoch, 0.001f, CancellationToken.None);

    // Uniformly random pairs with a random half-star rating: the epoch's cost does not depend on
    // the values, only on the shape and the memory access pattern.
    private static RatingStore MakeStore()
    {
        var rng = new Random(7);
        var seen = new HashSet<long>(Ratings);
        var builder = new RatingStoreBuilder();
        while (builder.Count < Ratings)
        {
            int u = rng.Next(Users), i = rng.Next(Items);
            if (seen.Add(((long)u * Items) + i))
            {
                builder.Add(u, i, 0.5f + (rng.Next(10) * 0.5f));
            }
        }

        return builder.Build();
    }
}
