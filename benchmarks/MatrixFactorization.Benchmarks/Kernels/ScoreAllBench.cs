using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Benchmarks.Kernels;

/// <summary>Scores one user against 10,000 items, the first step of a top-N query.</summary>
[MemoryDiagnoser]
public class ScoreAllBench
{
    private const int Items = 10_000;

    private FactorMatrix _items = null!;
    private float[] _user = null!;
    private float[] _scores = null!;

    [Params(16, 32, 64, 100, 128, 256)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _items = BenchData.Random(Items, K, seed: K);
        _user = BenchData.Random(1, K, seed: -K).Row(0).ToArray();
        _scores = new float[Items];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => FactorKernels.ScoreAll(KernelPath.Scalar, _user, _items, _scores);

    /// <summary>The AVX2-width path, for machines without AVX-512.</summary>
    [Benchmark]
    public void Vector256() => FactorKernels.ScoreAll(KernelPath.Vector256, _user, _items, _scores);

    /// <summary>The public API on the path chosen at startup.</summary>
    [Benchmark]
    public void Active() => FactorKernels.ScoreAll(_user, _items, _scores);

    /// <summary>The obvious alternative: one TensorPrimitives.Dot per item row.</summary>
    [Benchmark]
    public void TensorPrimitivesDotPerRow()
    {
        for (int i = 0; i < _scores.Length; i++)
        {
            _scores[i] = TensorPrimitives.Dot(_user, _items.Row(i));
        }
    }
}
