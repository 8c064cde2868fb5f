using BenchmarkDotNet.Attributes;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Synthetic;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Benchmarks.Training;

/// <summary>
/// One SGD epoch of biased MF on data shaped like the LIBMF comparison set (160k users, 40k
/// items, 18M ratings), by factor count, thread count and block order. The ns/rating column is the time per
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

    /// <summary>Interleaved user-ordered runs per block; 1 is a plain user-ordered block (LIBMF's order).</summary>
    [Params(1, 4)]
    public int Streams { get; set; }

    [GlobalSetup]
    public void Setup() => _runner = CreateRunner(Factors, Threads, Streams);

    /// <summary>A biased-MF engine over the shared synthetic store, factors drawn uniformly.</summary>
    internal static IEpochRunner CreateRunner(int factors, int threads, int streams)
    {
        s_store ??= MakeStore();
        var options = new BiasedMatrixFactorizationOptions { FactorCount = factors, Threads = threads, Shuffle = false, GridSize = 8 };
        var p = new FactorMatrix(s_store.UserCount, factors);
        var q = new FactorMatrix(s_store.ItemCount, factors);
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
        BlockGrid grid = BlockGrid.Build(s_store, options.GridSize, options.Seed, options.Shuffle, streams);
        return new SgdEngine<BiasedSgdRule>(state, grid, threads, options.Seed);
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public double Epoch() => _runner.RunEpoch(++_epoch, 0.001f, CancellationToken.None);

    // The same shape and generator as `mf data synth --users 160000 --items 40000 --ratings 18000000 --rank 16 --seed 1`.
    private static RatingStore MakeStore() =>
        new SyntheticRatingGenerator(new SyntheticOptions { Users = Users, Items = Items, Ratings = Ratings, Rank = 16, Seed = 1 }).Generate().Store;
}
