using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// A whole SGD update on padded rows: e = value − (baseline + p·q), then the step of
    /// <see cref="SgdStepPadded(KernelPath, ref float, ref float, int, float, float, float)"/> with
    /// gain η·e and the given decays 1 − η·λ (<see cref="Decay"/>), which a training loop computes
    /// once per block rather than once per rating.
    /// Rows of four or eight vectors take the fused kernel, which reads and writes each row once;
    /// the result is bit-identical either way.
    /// </summary>
    /// <returns>The error before the step.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SgdUpdatePadded(
        ref float p, ref float q, int paddedLength, float value, float baseline, float learningRate, float decayP, float decayQ) =>
        SgdUpdatePadded(KernelDispatch.Active, ref p, ref q, paddedLength, value, baseline, learningRate, decayP, decayQ);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float SgdUpdatePadded(
        KernelPath path, ref float p, ref float q, int paddedLength, float value, float baseline, float learningRate, float decayP, float decayQ)
    {
        if (path == KernelPath.Vector512)
        {
            if (paddedLength == 4 * Vector512<float>.Count)
            {
                return FusedSgdKernel.Four<Simd512, Vector512<float>>(ref p, ref q, value, baseline, learningRate, decayP, decayQ);
            }

            if (paddedLength == 8 * Vector512<float>.Count)
            {
                return FusedSgdKernel.Eight<Simd512, Vector512<float>>(ref p, ref q, value, baseline, learningRate, decayP, decayQ);
            }
        }
        else if (path == KernelPath.Vector256)
        {
            if (paddedLength == 4 * Vector256<float>.Count)
            {
                return FusedSgdKernel.Four<Simd256, Vector256<float>>(ref p, ref q, value, baseline, learningRate, decayP, decayQ);
            }

            if (paddedLength == 8 * Vector256<float>.Count)
            {
                return FusedSgdKernel.Eight<Simd256, Vector256<float>>(ref p, ref q, value, baseline, learningRate, decayP, decayQ);
            }
        }

        float error = value - (baseline + DotPadded(path, ref p, ref q, paddedLength));
        SgdStepPadded(path, ref p, ref q, paddedLength, learningRate * error, decayP, decayQ);
        return error;
    }
}
