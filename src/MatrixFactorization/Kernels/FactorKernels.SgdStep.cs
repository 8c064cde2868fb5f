using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// One SGD step for one rating, updating the user row and the item row in a single pass:
    /// <c>p ← p + η(e·q − λp·p)</c> and <c>q ← q + η(e·p_old − λq·q)</c>, coordinate by coordinate.
    /// </summary>
    /// <remarks>
    /// The step is evaluated as <c>(1 − ηλp)·p + (ηe)·q</c>, the same value regrouped so that each
    /// coordinate costs one multiplication and one fused multiply-add; the two scalar factors are
    /// computed once per call. A row coordinate that is infinite stays infinite (it is scaled, not
    /// subtracted from itself).
    /// </remarks>
    /// <remarks>
    /// Each coordinate's old p and q are read before either is written, so the item update uses
    /// the old user row. If <paramref name="p"/> and <paramref name="q"/> are the same memory, each
    /// coordinate ends holding the item update computed from the old value,
    /// <c>x + η(e·x − λq·x)</c>, exactly as the scalar loop would. Spans that overlap only partially
    /// give unspecified results.
    /// </remarks>
    /// <param name="p">User row, updated in place.</param>
    /// <param name="q">Item row, the same length as <paramref name="p"/>, updated in place.</param>
    /// <param name="error">Prediction error e = rating − p·q.</param>
    /// <param name="learningRate">Step size η.</param>
    /// <param name="regularizationP">L2 regularization λp for the user row.</param>
    /// <param name="regularizationQ">L2 regularization λq for the item row.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    internal static void SgdStep(
        Span<float> p, Span<float> q, float error, float learningRate, float regularizationP, float regularizationQ) =>
        SgdStep(KernelDispatch.Active, p, q, error, learningRate, regularizationP, regularizationQ);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SgdStep(
        KernelPath path, Span<float> p, Span<float> q, float error, float learningRate, float regularizationP, float regularizationQ)
    {
        if (p.Length != q.Length)
        {
            ThrowHelper.LengthMismatch(nameof(q));
        }

        ref float ps = ref MemoryMarshal.GetReference(p);
        ref float qs = ref MemoryMarshal.GetReference(q);
        float gain = learningRate * error;
        float decayP = Decay(learningRate, regularizationP);
        float decayQ = Decay(learningRate, regularizationQ);
        switch (KernelDispatch.ForLength(path, p.Length))
        {
            case KernelPath.Vector512:
                SgdStepKernel.Vector<Simd512, Vector512<float>>(ref ps, ref qs, p.Length, gain, decayP, decayQ);
                break;
            case KernelPath.Vector256:
                SgdStepKernel.Vector<Simd256, Vector256<float>>(ref ps, ref qs, p.Length, gain, decayP, decayQ);
                break;
            case KernelPath.Vector128:
                SgdStepKernel.Vector<Simd128, Vector128<float>>(ref ps, ref qs, p.Length, gain, decayP, decayQ);
                break;
            default:
                SgdStepKernel.Scalar(ref ps, ref qs, p.Length, gain, decayP, decayQ);
                break;
        }
    }

    /// <summary>The factor 1 − η·λ a regularized SGD step scales its own row by.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Decay(float learningRate, float regularization) => 1f - (learningRate * regularization);

    /// <summary>
    /// <see cref="SgdStep(Span{float}, Span{float}, float, float, float, float)"/> on two padded rows for
    /// the training loop, with its coefficients precomputed: <c>p ← decayP·p + gain·q</c>,
    /// <c>q ← decayQ·q + gain·p_old</c>, where gain = η·e and decay = <see cref="Decay"/>. No length
    /// checks and no remainder handling: the caller guarantees both references start
    /// <paramref name="paddedLength"/> writable floats and that <paramref name="paddedLength"/> is a
    /// multiple of <see cref="FactorMatrix.RowAlignment"/>. Zero padding stays zero as long as the
    /// coefficients are finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void SgdStepPadded(
        KernelPath path, ref float p, ref float q, int paddedLength, float gain, float decayP, float decayQ)
    {
        Debug.Assert(paddedLength % FactorMatrix.RowAlignment == 0);
        nuint n = (nuint)paddedLength;
        switch (path)
        {
            case KernelPath.Vector512:
                SgdStepKernel.Whole<Simd512, Vector512<float>>(
                    ref p, ref q, n, Vector512.Create(gain), Vector512.Create(decayP), Vector512.Create(decayQ));
                break;
            case KernelPath.Vector256:
                SgdStepKernel.Whole<Simd256, Vector256<float>>(
                    ref p, ref q, n, Vector256.Create(gain), Vector256.Create(decayP), Vector256.Create(decayQ));
                break;
            case KernelPath.Vector128:
                SgdStepKernel.Whole<Simd128, Vector128<float>>(
                    ref p, ref q, n, Vector128.Create(gain), Vector128.Create(decayP), Vector128.Create(decayQ));
                break;
            default:
                SgdStepKernel.Scalar(ref p, ref q, paddedLength, gain, decayP, decayQ);
                break;
        }
    }
}
