using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Benchmarks.Kernels;

/// <summary>One fused SGD update of a user row and an item row.</summary>
[MemoryDiagnoser]
public class SgdStepBench
{
    private const float LearningRate = 0.01f;
    private const float Regularization = 0.05f;

    // An error equal to the regularization is a fixed point of the update (p + q direction), so
    // millions of invocations neither blow up to infinity nor decay into denormals, whose
    // microcode assists would swamp the measurement.
    private const float Error = Regularization;

    private FactorMatrix _rows = null!;
    private float[] _temp = null!;

    [Params(16, 32, 64, 100, 128, 256)]
    public int K { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _rows = BenchData.Random(2, K, seed: K);
        _temp = new float[K];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() =>
        FactorKernels.SgdStep(KernelPath.Scalar, _rows.Row(0), _rows.Row(1), Error, LearningRate, Regularization, Regularization);

    /// <summary>The AVX2-width path, for machines without AVX-512.</summary>
    [Benchmark]
    public void Vector256() =>
        FactorKernels.SgdStep(KernelPath.Vector256, _rows.Row(0), _rows.Row(1), Error, LearningRate, Regularization, Regularization);

    /// <summary>The public API on the path chosen at startup.</summary>
    [Benchmark]
    public void Active() =>
        FactorKernels.SgdStep(_rows.Row(0), _rows.Row(1), Error, LearningRate, Regularization, Regularization);

    /// <summary>The training loop's entry point: whole padded rows, coefficients precomputed, no checks.</summary>
    [Benchmark]
    public void Padded() =>
        FactorKernels.SgdStepPadded(
            KernelDispatch.Active,
            ref _rows.RowReference(0),
            ref _rows.RowReference(1),
            _rows.Stride,
            LearningRate * Error,
            FactorKernels.Decay(LearningRate, Regularization),
            FactorKernels.Decay(LearningRate, Regularization));

    /// <summary>
    /// The same update in the fewest TensorPrimitives passes found: p' = c_p·(p + (ηe/c_p)·q) and
    /// q' = c_q·(q + (ηe/c_q)·p) with c = 1 − ηλ, staging p' in a buffer because q' needs the old p.
    /// (Copying p aside first and computing each row as written takes five passes and measured slower.)
    /// </summary>
    [Benchmark]
    public void TensorPrimitives4Pass()
    {
        Span<float> p = _rows.Row(0), q = _rows.Row(1), temp = _temp;
        float step = LearningRate * Error;
        float cp = 1f - (LearningRate * Regularization), cq = cp;
        TensorPrimitives.MultiplyAdd(q, step / cp, p, temp);
        TensorPrimitives.MultiplyAdd(p, step / cq, q, q);
        TensorPrimitives.Multiply(q, cq, q);
        TensorPrimitives.Multiply(temp, cp, p);
    }
}
