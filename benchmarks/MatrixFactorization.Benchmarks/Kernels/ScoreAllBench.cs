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
    private BFloat16Panels _compact = null!;

    [Params(16, 32, 64, 100, 128, 256)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _items = BenchData.Random(Items, K, seed: K);
        _user = BenchData.Random(1, K, seed: -K).Row(0).ToArray();
        _compact = new BFloat16Panels(_items);
        _scores = new float[_compact.PaddedRows];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => FactorKernels.ScoreAll(KernelPath.Scalar, _user, _items, _scores.AsSpan(0, Items));

    /// <summary>The AVX2-width path, for machines without AVX-512.</summary>
    [Benchmark]
    public void Vector256() => FactorKernels.ScoreAll(KernelPath.Vector256, _user, _items, _scores.AsSpan(0, Items));

    /// <summary>The public API on the path chosen at startup.</summary>
    [Benchmark]
    public void Active() => FactorKernels.ScoreAll(_user, _items, _scores.AsSpan(0, Items));

    /// <summary>The obvious alternative: one TensorPrimitives.Dot per item row.</summary>
    [Benchmark]
    public void TensorPrimitivesDotPerRow()
    {
        for (int i = 0; i < Items; i++)
        {
            _scores[i] = TensorPrimitives.Dot(_user, _items.Row(i));
        }
    }

    /// <summary>
    /// The approximate scan top-N queries run first: the same scores to within 2^-7 relative, from
    /// the bfloat16 copy of the matrix, half the bytes to read.
    /// </summary>
    [Benchmark]
    public void ApproximateBFloat16() => FactorKernels.ScoreAllApproximate(KernelDispatch.Active, _user, _compact, _scores);

    /// <summary>The approximate scan on the AVX2-width path.</summary>
    [Benchmark]
    public void ApproximateBFloat16Vector256() => FactorKernels.ScoreAllApproximate(KernelPath.Vector256, _user, _compact, _scores);
}
