using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// One whole AdaGrad update for one rating with one squared-gradient accumulator per row, as
    /// LIBMF keeps them (Chin, Zhuang, Juan and Lin, PAKDD 2015), updating both rows and both
    /// accumulators.
    /// </summary>
    /// <remarks>
    /// <para>With all right-hand sides using old values and k the row length:</para>
    /// <code>
    /// e   = value − (baseline + p·q)
    /// η_p = η / √G_p                η_q = η / √G_q
    /// p   ← (1 − η_p·λp)·p + (η_p·e)·q
    /// q   ← (1 − η_q·λq)·q + (η_q·e)·p
    /// G_p += ‖λp·p − e·q‖² / k      G_q += ‖λq·q − e·p‖² / k
    /// </code>
    /// <para>
    /// LIBMF's order: the rate comes from the accumulator before this update's gradient is added,
    /// so it is known while p·q is still being reduced and the step waits on the error alone, as
    /// SGD's does; accumulators start at 1 (so the first steps are SGD steps of size η) and only
    /// grow. Each step is the per-coordinate AdaGrad step with the row's mean squared gradient in
    /// place of each coordinate's own, written in the SGD step's form, so the update costs the SGD
    /// update plus two more reductions (p·p and q·q, from which the gradients' norms follow) and a
    /// few scalar operations. LIBMF takes the processor's approximate reciprocal square root; this
    /// takes the exact one, which is off the critical path and gives the same result on every processor.
    /// </para>
    /// </remarks>
    /// <param name="path">The kernel path (narrower for rows shorter than its vector).</param>
    /// <param name="p">User row, updated in place.</param>
    /// <param name="q">Item row, the same length as <paramref name="p"/> and at least one float, updated in place.</param>
    /// <param name="gp">The user row's accumulator (positive), updated in place.</param>
    /// <param name="gq">The item row's accumulator (positive), updated in place.</param>
    /// <param name="value">The rating.</param>
    /// <param name="baseline">What the prediction adds to p·q (the biases), or 0.</param>
    /// <param name="learningRate">Base step size η.</param>
    /// <param name="regP">L2 regularization λp of the user row.</param>
    /// <param name="regQ">L2 regularization λq of the item row.</param>
    /// <returns>The error e before the step.</returns>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    internal static float AdaGradUpdate(
        KernelPath path, Span<float> p, Span<float> q, ref float gp, ref float gq, float value, float baseline, float learningRate, float regP, float regQ)
    {
        if (q.Length != p.Length || p.IsEmpty)
        {
            ThrowHelper.LengthMismatch(nameof(q));
        }

        ref float ps = ref MemoryMarshal.GetReference(p);
        ref float qs = ref MemoryMarshal.GetReference(q);
        float inverseCount = 1f / p.Length;
        float rateP = AdaGradUpdateKernel.Rate(learningRate, gp);
        float rateQ = AdaGradUpdateKernel.Rate(learningRate, gq);
        AdaGradOutcome outcome = KernelDispatch.ForLength(path, p.Length) switch
        {
            KernelPath.Vector512 => Vector512Update(ref ps, ref qs, p.Length, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            KernelPath.Vector256 => Vector256Update(ref ps, ref qs, p.Length, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            KernelPath.Vector128 => AdaGradUpdateKernel.Vector<Simd128, Vector128<float>>(ref ps, ref qs, p.Length, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            _ => AdaGradUpdateKernel.Scalar(ref ps, ref qs, p.Length, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
        };
        gp += outcome.Increments.GetElement(0);
        gq += outcome.Increments.GetElement(2);
        return outcome.Error;
    }

    /// <summary>
    /// <see cref="AdaGradUpdate(KernelPath, Span{float}, Span{float}, ref float, ref float, float, float, float, float, float)"/>
    /// on padded rows, with the rows' rates η/√G given (the caller computes them from the
    /// accumulators before the update, <see cref="AdaGradUpdateKernel.Rates"/>) and the mean taken
    /// over <paramref name="inverseCount"/> = 1/k of the real factor count rather than the padded
    /// length, so padding does not change the step. No length checks and no remainder handling: the
    /// caller guarantees both rows start <paramref name="paddedLength"/> writable floats, a multiple
    /// of <see cref="FactorMatrix.RowAlignment"/>. Zero padding stays zero for finite arguments.
    /// </summary>
    /// <returns>The error before the step.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float AdaGradUpdatePadded(
        KernelPath path, ref float p, ref float q, int paddedLength, ref float gp, ref float gq, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
    {
        AdaGradOutcome outcome = AdaGradStepPadded(path, ref p, ref q, paddedLength, value, baseline, rateP, rateQ, regP, regQ, inverseCount);
        gp += outcome.Increments.GetElement(0);
        gq += outcome.Increments.GetElement(2);
        return outcome.Error;
    }

    /// <summary>
    /// <see cref="AdaGradUpdatePadded(KernelPath, ref float, ref float, int, ref float, ref float, float, float, float, float, float, float, float)"/>
    /// for the training loop, on the active path, leaving the accumulators to the caller: it gets
    /// what they take, so that it can add them together with its biases' in one vector.
    /// Rows of four or eight vectors take the fused kernels.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static AdaGradOutcome AdaGradStepPadded(
        ref float p, ref float q, int paddedLength, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount) =>
        AdaGradStepPadded(KernelDispatch.Active, ref p, ref q, paddedLength, value, baseline, rateP, rateQ, regP, regQ, inverseCount);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static AdaGradOutcome AdaGradStepPadded(
        KernelPath path, ref float p, ref float q, int paddedLength, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
    {
        Debug.Assert(paddedLength % FactorMatrix.RowAlignment == 0);
        return path switch
        {
            KernelPath.Vector512 => Vector512Update(ref p, ref q, paddedLength, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            KernelPath.Vector256 => Vector256Update(ref p, ref q, paddedLength, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            KernelPath.Vector128 => AdaGradUpdateKernel.Vector<Simd128, Vector128<float>>(ref p, ref q, paddedLength, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            _ => AdaGradUpdateKernel.Scalar(ref p, ref q, paddedLength, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static AdaGradOutcome Vector512Update(
        ref float p, ref float q, int length, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount) =>
        length switch
        {
            64 => FusedAdaGradKernel.Four<Simd512, Vector512<float>>(ref p, ref q, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            128 => FusedAdaGradKernel.Eight<Simd512, Vector512<float>>(ref p, ref q, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            _ => AdaGradUpdateKernel.Vector<Simd512, Vector512<float>>(ref p, ref q, length, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
        };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static AdaGradOutcome Vector256Update(
        ref float p, ref float q, int length, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount) =>
        length switch
        {
            32 => FusedAdaGradKernel.Four<Simd256, Vector256<float>>(ref p, ref q, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            64 => FusedAdaGradKernel.EightStreaming<Simd256, Vector256<float>>(ref p, ref q, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
            _ => AdaGradUpdateKernel.Vector<Simd256, Vector256<float>>(ref p, ref q, length, value, baseline, rateP, rateQ, regP, regQ, inverseCount),
        };
}
