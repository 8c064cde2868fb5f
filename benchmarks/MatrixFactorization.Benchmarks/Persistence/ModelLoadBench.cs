using BenchmarkDotNet.Attributes;
using MatrixFactorization.Benchmarks.Recommendation;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Benchmarks.Persistence;

/// <summary>
/// Opening a serving-size model file: 500,000 users and 20,000 items with 128 factors, a biased
/// model of random parameters saved once in setup. Opening reads the file whole, verifies every
/// checksum and builds the model. The minimum of five runs is the number docs/file-formats.md cites.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class ModelLoadBench
{
    private string _path = "";

    [Params(500_000)]
    public int Users { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"mf-load-bench-{Users}.mf");
        ModelSerializer.Save(RandomModels.Biased(Users, 20_000, 128), _path);
        Console.WriteLine($"// model file: {new FileInfo(_path).Length:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public int Open() => ModelSerializer.Open(_path).Model.Users.Count;
}
