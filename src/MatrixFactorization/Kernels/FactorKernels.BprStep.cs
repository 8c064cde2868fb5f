using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// One BPR step for a sampled triple — user row p, the row q_i of an item the user chose and the
    /// row q_j of one they did not — in a single call: the score difference
    /// x = b + p·(q_i − q_j), its weight w = σ(−x), and the regularized gradient-ascent step on
    /// ln σ(x) that <see cref="BprStepKernel"/> spells out, coordinate by coordinate.
    /// </summary>
    /// <remarks>
    /// The item biases are the caller's to step, with the weight returned:
    /// <c>b_i += η(w − λ_b·b_i)</c>, <c>b_j += η(−w − λ_b·b_j)</c>. The rows must not overlap.
    /// </remarks>
    /// <param name="p">User row, updated in place.</param>
    /// <param name="qi">Row of the item the user chose, updated in place.</param>
    /// <param name="qj">Row of the item they did not, updated in place.</param>
    /// <param name="biasDifference">b_i − b_j, 0 for a model without item biases.</param>
    /// <param name="learningRate">Step size η.</param>
    /// <param name="regularizationP">L2 regularization λ of the user row.</param>
    /// <param name="regularizationQ">L2 regularization λ of both item rows.</param>
    /// <returns>x, the score difference before the step, and its weight σ(−x), the factor of the step.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    internal static BprOutcome BprStep(
        Span<float> p, Span<float> qi, Span<float> qj, float biasDifference, float learningRate, float regularizationP, float regularizationQ) =>
        BprStep(KernelDispatch.Active, p, qi, qj, biasDifference, learningRate, regularizationP, regularizationQ);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BprOutcome BprStep(
        KernelPath path, Span<float> p, Span<float> qi, Span<float> qj, float biasDifference, float learningRate, float regularizationP, float regularizationQ)
    {
        if (qi.Length != p.Length)
        {
            ThrowHelper.LengthMismatch(nameof(qi));
        }

        if (qj.Length != p.Length)
        {
            ThrowHelper.LengthMismatch(nameof(qj));
        }

        ref float ps = ref MemoryMarshal.GetReference(p);
        ref float qis = ref MemoryMarshal.GetReference(qi);
        ref float qjs = ref MemoryMarshal.GetReference(qj);
        float decayP = Decay(learningRate, regularizationP);
        float decayQ = Decay(learningRate, regularizationQ);
        return KernelDispatch.ForLength(path, p.Length) switch
        {
            KernelPath.Vector512 => BprStepKernel.Vector<Simd512, Vector512<float>>(ref ps, ref qis, ref qjs, p.Length, biasDifference, learningRate, decayP, decayQ),
            KernelPath.Vector256 => BprStepKernel.Vector<Simd256, Vector256<float>>(ref ps, ref qis, ref qjs, p.Length, biasDifference, learningRate, decayP, decayQ),
            KernelPath.Vector128 => BprStepKernel.Vector<Simd128, Vector128<float>>(ref ps, ref qis, ref qjs, p.Length, biasDifference, learningRate, decayP, decayQ),
            _ => BprStepKernel.Scalar(ref ps, ref qis, ref qjs, p.Length, biasDifference, learningRate, decayP, decayQ),
        };
    }

    /// <summary>
    /// <see cref="BprStep(Span{float}, Span{float}, Span{float}, float, float, float, float)"/>
    /// on three padded rows for the training loop, with the decays 1 − η·λ (<see cref="Decay"/>)
    /// computed once per block: no length checks and no remainder handling. The caller guarantees
    /// all three references start <paramref name="paddedLength"/> writable floats and that
    /// <paramref name="paddedLength"/> is a multiple of <see cref="FactorMatrix.RowAlignment"/>.
    /// Zero padding stays zero for finite arguments. Rows of four vectors take a kernel that keeps
    /// them in registers throughout; the result is bit-identical either way.
    /// </summary>
    /// <returns>x, the score difference before the step, and its weight.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BprOutcome BprStepPadded(
        KernelPath path, ref float p, ref float qi, ref float qj, int paddedLength, float biasDifference, float learningRate, float decayP, float decayQ)
    {
        Debug.Assert(paddedLength % FactorMatrix.RowAlignment == 0);
        if (path == KernelPath.Vector512 && paddedLength == 4 * Vector512<float>.Count)
        {
            return BprStepKernel.Four<Simd512, Vector512<float>>(ref p, ref qi, ref qj, biasDifference, learningRate, decayP, decayQ);
        }

        if (path == KernelPath.Vector256 && paddedLength == 4 * Vector256<float>.Count)
        {
            return BprStepKernel.Four<Simd256, Vector256<float>>(ref p, ref qi, ref qj, biasDifference, learningRate, decayP, decayQ);
        }

        nuint n = (nuint)paddedLength;
        return path switch
        {
            KernelPath.Vector512 => BprStepKernel.Whole<Simd512, Vector512<float>>(ref p, ref qi, ref qj, n, biasDifference, learningRate, decayP, decayQ),
            KernelPath.Vector256 => BprStepKernel.Whole<Simd256, Vector256<float>>(ref p, ref qi, ref qj, n, biasDifference, learningRate, decayP, decayQ),
            KernelPath.Vector128 => BprStepKernel.Whole<Simd128, Vector128<float>>(ref p, ref qi, ref qj, n, biasDifference, learningRate, decayP, decayQ),
            _ => BprStepKernel.Scalar(ref p, ref qi, ref qj, paddedLength, biasDifference, learningRate, decayP, decayQ),
        };
    }
}
