using BenchmarkDotNet.Attributes;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Benchmarks.Neural;

/// <summary>
/// One training epoch of the default neural model (100 + 100 embeddings, one hidden layer of 10)
/// on the MovieLens notebook split's 79,799 training ratings, mini-batch and full-batch, by thread
/// count. MemoryDiagnoser shows that an epoch allocates nothing.
/// </summary>
[MemoryDiagnoser]
public class NeuralEpochBench
{
    private static RatingStore? s_store;
    private NeuralEngine _engine = null!;
    private int _epoch;

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Ratings per Adam step; 0 is full batch.</summary>
    [Params(1024, 0)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        s_store ??= RatingReader.Read(FindTrainingFile()).Store;
        var options = new NeuralOptions { Threads = Threads, BatchSize = BatchSize };
        NeuralState state = NeuralState.Create(s_store, options, TrainingDomain.From(s_store));
        _engine = new NeuralEngine(state, s_store, options);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public double Epoch() => _engine.RunEpoch(++_epoch, 0.001f, CancellationToken.None);

    /// <summary>The benchmark runs from a generated folder inside the repository: look upwards.</summary>
    private static string FindTrainingFile()
    {
        string relative = Path.Combine("data", "ml-latest-small-2016", "notebook-split", "train.csv");
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Cannot find {relative} above {AppContext.BaseDirectory}.");
    }
}
