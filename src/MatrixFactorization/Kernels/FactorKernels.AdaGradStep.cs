using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// The ε added to √G in <see cref="AdaGradStep(Span{float}, Span{float}, Span{float}, Span{float}, float, float, float, float)"/>:
    /// 1e-8. It keeps the first step of a coordinate whose gradient is zero at 0 instead of 0/0,
    /// which is also what keeps the zero padding of <see cref="FactorMatrix"/> rows at zero.
    /// </summary>
    internal const float AdaGradEpsilon = 1e-8f;

    /// <summary>
    /// One AdaGrad step for one rating with a per-coordinate learning rate, updating the user row,
    /// the item row and their squared-gradient accumulators in a single pass.
    /// </summary>
    /// <remarks>
    /// <para>For each coordinate, with e the prediction error and all right-hand sides using old values:</para>
    /// <code>
    /// g_p = λp·p − e·q        g_q = λq·q − e·p
    /// G_p += g_p²             G_q += g_q²
    /// p  −= η·g_p / (√G_p + ε)
    /// q  −= η·g_q / (√G_q + ε)
    /// </code>
    /// <para>
    /// g is the gradient of ½e² + ½λ‖x‖², ε is <see cref="AdaGradEpsilon"/> and accumulators include the
    /// current gradient, so the first step of a fresh (zero) accumulator moves each coordinate by
    /// about η in the direction of −g. Start accumulators at a positive value (LIBMF uses 1) for smaller
    /// first steps.
    /// </para>
    /// <para>
    /// Aliasing: as for <see cref="SgdStep(Span{float}, Span{float}, float, float, float, float)"/>, all
    /// four old values of a coordinate are read before any write, so <paramref name="p"/> and
    /// <paramref name="q"/> (and likewise <paramref name="gp"/> and <paramref name="gq"/>) may be the
    /// same memory, in which case the item-row results are what remains. Partial overlaps give
    /// unspecified results.
    /// </para>
    /// </remarks>
    /// <param name="p">User row, updated in place.</param>
    /// <param name="q">Item row, updated in place.</param>
    /// <param name="gp">Squared-gradient accumulator for <paramref name="p"/>, updated in place.</param>
    /// <param name="gq">Squared-gradient accumulator for <paramref name="q"/>, updated in place.</param>
    /// <param name="error">Prediction error e = rating − p·q.</param>
    /// <param name="learningRate">Base step size η.</param>
    /// <param name="regP">L2 regularization λp for the user row.</param>
    /// <param name="regQ">L2 regularization λq for the item row.</param>
    /// <exception cref="ArgumentException">The four spans do not all have the same length.</exception>
    internal static void AdaGradStep(
        Span<float> p, Span<float> q, Span<float> gp, Span<float> gq, float error, float learningRate, float regP, float regQ) =>
        AdaGradStep(KernelDispatch.Active, p, q, gp, gq, error, learningRate, regP, regQ);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AdaGradStep(
        KernelPath path, Span<float> p, Span<float> q, Span<float> gp, Span<float> gq, float error, float learningRate, float regP, float regQ)
    {
        if (q.Length != p.Length)
        {
            ThrowHelper.LengthMismatch(nameof(q));
        }

        if (gp.Length != p.Length)
        {
            ThrowHelper.LengthMismatch(nameof(gp));
        }

        if (gq.Length != p.Length)
        {
            ThrowHelper.LengthMismatch(nameof(gq));
        }

        ref float ps = ref MemoryMarshal.GetReference(p);
        ref float qs = ref MemoryMarshal.GetReference(q);
        ref float gps = ref MemoryMarshal.GetReference(gp);
        ref float gqs = ref MemoryMarshal.GetReference(gq);
        switch (KernelDispatch.ForLength(path, p.Length))
        {
            case KernelPath.Vector512:
                AdaGradStepKernel.Vector<Simd512, Vector512<float>>(ref ps, ref qs, ref gps, ref gqs, p.Length, error, learningRate, regP, regQ);
                break;
            case KernelPath.Vector256:
                AdaGradStepKernel.Vector<Simd256, Vector256<float>>(ref ps, ref qs, ref gps, ref gqs, p.Length, error, learningRate, regP, regQ);
                break;
            case KernelPath.Vector128:
                AdaGradStepKernel.Vector<Simd128, Vector128<float>>(ref ps, ref qs, ref gps, ref gqs, p.Length, error, learningRate, regP, regQ);
                break;
            default:
                AdaGradStepKernel.Scalar(ref ps, ref qs, ref gps, ref gqs, p.Length, error, learningRate, regP, regQ);
                break;
        }
    }

    /// <summary>
    /// <see cref="AdaGradStep(Span{float}, Span{float}, Span{float}, Span{float}, float, float, float, float)"/>
    /// on padded rows for the training loop: no length checks and no remainder handling. The caller
    /// guarantees all four references start <paramref name="paddedLength"/> writable floats and that
    /// <paramref name="paddedLength"/> is a multiple of <see cref="FactorMatrix.RowAlignment"/>.
    /// Zero padding stays zero (g = 0, G stays 0, step 0/ε = 0) for finite arguments.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AdaGradStepPadded(
        ref float p, ref float q, ref float gp, ref float gq, int paddedLength, float error, float learningRate, float regP, float regQ) =>
        AdaGradStepPadded(KernelDispatch.Active, ref p, ref q, ref gp, ref gq, paddedLength, error, learningRate, regP, regQ);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AdaGradStepPadded(
        KernelPath path, ref float p, ref float q, ref float gp, ref float gq, int paddedLength, float error, float learningRate, float regP, float regQ)
    {
        Debug.Assert(paddedLength % FactorMatrix.RowAlignment == 0);
        nuint n = (nuint)paddedLength;
        switch (path)
        {
            case KernelPath.Vector512:
                AdaGradStepKernel.Whole<Simd512, Vector512<float>>(ref p, ref q, ref gp, ref gq, n, new(
                    Vector512.Create(-error), Vector512.Create(-learningRate), Vector512.Create(regP), Vector512.Create(regQ), Vector512.Create(AdaGradEpsilon)));
                break;
            case KernelPath.Vector256:
                AdaGradStepKernel.Whole<Simd256, Vector256<float>>(ref p, ref q, ref gp, ref gq, n, new(
                    Vector256.Create(-error), Vector256.Create(-learningRate), Vector256.Create(regP), Vector256.Create(regQ), Vector256.Create(AdaGradEpsilon)));
                break;
            case KernelPath.Vector128:
                AdaGradStepKernel.Whole<Simd128, Vector128<float>>(ref p, ref q, ref gp, ref gq, n, new(
                    Vector128.Create(-error), Vector128.Create(-learningRate), Vector128.Create(regP), Vector128.Create(regQ), Vector128.Create(AdaGradEpsilon)));
                break;
            default:
                AdaGradStepKernel.Scalar(ref p, ref q, ref gp, ref gq, paddedLength, error, learningRate, regP, regQ);
                break;
        }
    }
}
