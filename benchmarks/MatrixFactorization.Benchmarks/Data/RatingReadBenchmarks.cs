using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using MatrixFactorization.Data;

namespace MatrixFactorization.Benchmarks.Data;

/// <summary>
/// Reading a few million ratings from a file into a <see cref="RatingStore"/>: the library's
/// reader on one thread against the same id maps and builder driven by Sep (also one thread),
/// and the library's reader on all cores. Mean is per rating; the extra column gives ratings per
/// second.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class RatingReadBenchmarks
{
    private const int Ratings = 4_000_000;
    private string _folder = string.Empty;
    private string _csv = string.Empty;
    private string _libmf = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "mf-read-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(_folder);
        _csv = Path.Combine(_folder, "ratings.csv");
        _libmf = Path.Combine(_folder, "ratings.libmf");
        RatingFileGenerator.Write(_csv, _libmf, Ratings, users: 28_000, items: 20_000, seed: 42);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(OperationsPerInvoke = Ratings, Baseline = true)]
    public RatingStore HandWritten_MovieLensCsv() => RatingReader.Read(_csv, new RatingReadOptions { Threads = 1 }).Store;

    [Benchmark(OperationsPerInvoke = Ratings)]
    public RatingStore HandWritten_MovieLensCsv_AllCores() => RatingReader.Read(_csv).Store;

    [Benchmark(OperationsPerInvoke = Ratings)]
    public RatingStore Sep_MovieLensCsv() => SepRatingReader.Read(_csv, ',', hasHeader: true, timestamps: true);

    [Benchmark(OperationsPerInvoke = Ratings)]
    public RatingStore HandWritten_Libmf() => RatingReader.Read(_libmf, new RatingReadOptions { Format = RatingFormat.Libmf, Threads = 1 }).Store;

    [Benchmark(OperationsPerInvoke = Ratings)]
    public RatingStore HandWritten_Libmf_AllCores() => RatingReader.Read(_libmf, new RatingReadOptions { Format = RatingFormat.Libmf }).Store;

    [Benchmark(OperationsPerInvoke = Ratings)]
    public RatingStore Sep_Libmf() => SepRatingReader.Read(_libmf, ' ', hasHeader: false, timestamps: false);

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new RatingsPerSecondColumn());
    }
}
