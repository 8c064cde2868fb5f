using BenchmarkDotNet.Attributes;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Benchmarks.Training;

/// <summary>
/// One epoch of <see cref="TrainingEpochBench"/> (two threads, four streams) with the factor
/// matrices on 2 MiB pages or on ordinary 4 KiB pages. Huge pages only apply on Linux with
/// transparent huge pages available on request; elsewhere the two rows measure the same thing.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PerRatingConfig))]
public class PageSizeBench
{
    private IEpochRunner _runner = null!;
    private int _epoch;

    [Params(64, 128)]
    public int Factors { get; set; }

    // A parameter, not a constant, because the per-rating columns read the thread count from it.
    [Params(2)]
    public int Threads { get; set; }

    [Params(false, true)]
    public bool Huge { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        bool before = HugePages.Enabled;
        HugePages.Enabled = Huge;
        try
        {
            _runner = TrainingEpochBench.CreateRunner(Factors, Threads, BlockGrid.Streams);
        }
        finally
        {
            HugePages.Enabled = before;
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _runner.Dispose();

    [Benchmark]
    public double Epoch() => _runner.RunEpoch(++_epoch, 0.001f, CancellationToken.None);
}
