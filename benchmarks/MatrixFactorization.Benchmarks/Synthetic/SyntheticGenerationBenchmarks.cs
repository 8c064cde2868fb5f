using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Benchmarks.Synthetic;

/// <summary>
/// End-to-end generation of a MovieLens-shaped synthetic set (1M users, 100k items, rank 16,
/// Zipf-like popularity), from planting the model to the finished store or LIBMF file.
/// </summary>
/// <remarks>
/// Each run takes seconds and allocates gigabytes, so BenchmarkDotNet's monitoring strategy (no
/// pilot, few iterations) fits better than its microbenchmark defaults. Run with
/// <c>--filter *SyntheticGeneration*</c>.
/// </remarks>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class SyntheticGenerationBenchmarks
{
    private string _path = "";

    /// <summary>Ratings to generate.</summary>
    [Params(10_000_000, 100_000_000)]
    public long Ratings { get; set; }

    private SyntheticOptions Options => new()
    {
        Users = 1_000_000,
        Items = 100_000,
        Ratings = Ratings,
        Rank = 16,
        Seed = 1,
    };

    [GlobalSetup]
    public void Setup() => _path = Path.Combine(Path.GetTempPath(), $"synthetic-benchmark-{Environment.ProcessId}.txt");

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Description = "Generate store")]
    public int GenerateStore() => new SyntheticRatingGenerator(Options).Generate().Store.Count;

    [Benchmark(Description = "Write LIBMF file")]
    public long WriteLibmfFile() => new SyntheticRatingGenerator(Options).WriteLibmf(_path).Bytes;
}
