using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Benchmarks.Kernels;

/// <summary>Dot product of two factor rows (64-byte aligned, as the models store them).</summary>
[MemoryDiagnoser]
public class DotBench
{
    private FactorMatrix _rows = null!;

    [Params(16, 32, 64, 100, 128, 256)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup() => _rows = BenchData.Random(2, K, seed: K);

    [Benchmark(Baseline = true)]
    public float Scalar() => FactorKernels.Dot(KernelPath.Scalar, _rows.Row(0), _rows.Row(1));

    /// <summary>The AVX2-width path, for machines without AVX-512.</summary>
    [Benchmark]
    public float Vector256() => FactorKernels.Dot(KernelPath.Vector256, _rows.Row(0), _rows.Row(1));

    /// <summary>The public API on the path chosen at startup.</summary>
    [Benchmark]
    public float Active() => FactorKernels.Dot(_rows.Row(0), _rows.Row(1));

    /// <summary>The training loop's entry point: whole padded rows, no checks.</summary>
    [Benchmark]
    public float Padded() => FactorKernels.DotPadded(ref _rows.RowReference(0), ref _rows.RowReference(1), _rows.Stride);

    [Benchmark]
    public float TensorPrimitivesDot() => TensorPrimitives.Dot(_rows.Row(0), _rows.Row(1));
}
