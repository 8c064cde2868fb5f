using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// Approximate <see cref="ScoreAll(ReadOnlySpan{float}, FactorMatrix, Span{float})"/> over the
    /// bfloat16 copy of a matrix: each score is within <see cref="ApproximateScoreError"/> of the
    /// exact dot product. Writes <see cref="BFloat16Panels.PaddedRows"/> scores; the padding rows get 0.
    /// </summary>
    internal static void ScoreAllApproximate(KernelPath path, ReadOnlySpan<float> p, BFloat16Panels items, Span<float> scores)
    {
        if (p.Length != items.Columns)
        {
            ThrowHelper.WrongLength(nameof(p), items.Columns, p.Length);
        }

        if (scores.Length < items.PaddedRows)
        {
            ThrowHelper.WrongLength(nameof(scores), items.PaddedRows, scores.Length);
        }

        int length = 2 * items.Pairs;
        using var padded = new PaddedVector(p, length, stackalloc float[PaddedVector.StackLength(length)]);
        ref float output = ref MemoryMarshal.GetReference(scores);
        switch (path)
        {
            case KernelPath.Vector512:
                ApproximateScoreKernel.Vector<Simd512, Vector512<float>>(ref padded.Reference, ref items.Reference, items.PaddedRows, items.Pairs, ref output);
                break;
            case KernelPath.Vector256:
                ApproximateScoreKernel.Vector<Simd256, Vector256<float>>(ref padded.Reference, ref items.Reference, items.PaddedRows, items.Pairs, ref output);
                break;
            case KernelPath.Vector128:
                ApproximateScoreKernel.Vector<Simd128, Vector128<float>>(ref padded.Reference, ref items.Reference, items.PaddedRows, items.Pairs, ref output);
                break;
            default:
                ApproximateScoreKernel.Scalar(ref padded.Reference, ref items.Reference, items.PaddedRows, items.Pairs, ref output);
                break;
        }
    }

    /// <summary>
    /// A bound on |approximate score − exact score| for every row, where the exact score is any
    /// float evaluation of the dot product (<see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, <see cref="ScoreAll(ReadOnlySpan{float}, FactorMatrix, Span{float})"/>).
    /// </summary>
    /// <remarks>
    /// |Σ p_f x_f − Σ p_f q_f| ≤ 2^-7 Σ|p_f q_f| for the stored values x_f, and each float evaluation of
    /// a k-term dot product is within γ_k Σ|p_f q_f| of the real one (γ_k = k u / (1 − k u), u = 2^-24;
    /// fused multiply-adds only tighten it). Cauchy–Schwarz bounds Σ|p_f q_f| by ‖p‖ ‖q‖ ≤ ‖p‖ max ‖q_i‖.
    /// The 2^-100 covers values flushed away from the denormal range.
    /// </remarks>
    internal static float ApproximateScoreError(ReadOnlySpan<float> p, BFloat16Panels items) =>
        Bound(p, items.MaxRowNorm, BFloat16Panels.RelativeError, 2 * items.Pairs);

    /// <summary>
    /// A bound on the difference between two float evaluations of the same dot product of
    /// <paramref name="p"/> with a row whose norm is at most <paramref name="maxRowNorm"/>, such as
    /// <see cref="ScoreAll(ReadOnlySpan{float}, FactorMatrix, Span{float})"/> and <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>.
    /// </summary>
    internal static float ExactScoreError(ReadOnlySpan<float> p, float maxRowNorm, int terms) =>
        Bound(p, maxRowNorm, 0, terms);

    /// <summary>
    /// The largest Euclidean norm of a row, computed in double and rounded up, so error bounds built
    /// on it stay bounds; infinite when a value is not finite.
    /// </summary>
    internal static float MaxRowNorm(FactorMatrix matrix)
    {
        double max = 0;
        for (int r = 0; r < matrix.Rows; r++)
        {
            double norm = 0;
            foreach (float x in matrix.Row(r))
            {
                norm += (double)x * x;
            }

            max = Math.Max(max, norm);
        }

        return (float)(Math.Sqrt(max) * (1 + 1e-6));
    }

    private static float Bound(ReadOnlySpan<float> p, float maxRowNorm, double relativeError, int terms)
    {
        double norm = 0;
        foreach (float x in p)
        {
            norm += (double)x * x;
        }

        double u = Math.ScaleB(1, -24);
        double gamma = terms * u / (1 - (terms * u));

        // Two evaluations each within γ_k of the real product, the stored values within the relative
        // error (their products with p also carry that factor), and 1 % to spare for the rounding of
        // this very computation.
        double bound = ((relativeError * (1 + gamma)) + (2 * gamma * (1 + relativeError))) * Math.Sqrt(norm) * maxRowNorm;
        return (float)((bound * 1.01) + Math.ScaleB(1, -100));
    }
}
