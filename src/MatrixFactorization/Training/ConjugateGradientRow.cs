using System.Runtime.CompilerServices;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Implicit ALS's row update by conjugate gradients (Takács, Pilászy and Tikk 2011; the implicit
/// library's <c>least_squares_cg</c>): a few steps on (G + Σ_j (c_j − 1) y_j y_jᵀ) x = Σ_j p_j c_j y_j,
/// starting from the row's current value, where G = YᵀY + λI and j runs over the row's interactions.
/// </summary>
/// <remarks>
/// The system matrix is never formed: each product A·v is G·v plus one dot product and one
/// axpy per interaction, so a step costs O(n·k + k²) for a row with n interactions. Everything is
/// single precision on padded rows, through the SIMD kernels, and nothing is allocated.
/// </remarks>
internal static class ConjugateGradientRow
{
    /// <summary>A squared residual norm below this is taken as converged (the implicit library's bound).</summary>
    private const float Converged = 1e-20f;

    /// <summary>How many interactions ahead the first pass asks for a row.</summary>
    private const int PrefetchDistance = 8;

    /// <summary>Improves row x in place by up to <paramref name="steps"/> conjugate-gradient steps.</summary>
    /// <param name="x">The first float of the padded row being solved.</param>
    /// <param name="gram">G = YᵀY + λI, k padded rows.</param>
    /// <param name="fixedFactors">Y, the other side's factors.</param>
    /// <param name="columns">The rows of Y the row interacted with.</param>
    /// <param name="confidences">Their signed confidences (see <see cref="Models.ImplicitObjective"/>): c for p = 1, −c for p = 0.</param>
    /// <param name="steps">The most steps.</param>
    /// <param name="scratch">Three padded scratch rows.</param>
    public static void Solve(ref float x, FactorMatrix gram, FactorMatrix fixedFactors, ReadOnlySpan<int> columns, ReadOnlySpan<float> confidences, int steps, FactorMatrix scratch)
    {
        int stride = fixedFactors.Stride;
        ref float r = ref scratch.RowReference(0);
        ref float p = ref scratch.RowReference(1);
        ref float ap = ref scratch.RowReference(2);

        // r = b − A x = Σ p_j c_j y_j − G x − Σ (c_j − 1)(y_j·x) y_j, one pass over the interactions.
        MultiplyGram(gram, -1f, ref x, ref r, stride);
        for (int j = 0; j < columns.Length; j++)
        {
            if (j + PrefetchDistance < columns.Length)
            {
                Prefetcher.Row(fixedFactors, columns[j + PrefetchDistance]);
            }

            ref float y = ref fixedFactors.RowReference(columns[j]);
            float c = confidences[j];
            float s = FactorKernels.DotPadded(ref y, ref x, stride);
            FactorKernels.AxpyPadded(MathF.Max(c, 0f) - ((MathF.Abs(c) - 1f) * s), ref y, ref r, stride);
        }

        Copy(ref r, ref p, stride);
        float residual = FactorKernels.DotPadded(ref r, ref r, stride);
        for (int step = 0; step < steps && residual >= Converged; step++)
        {
            // ap = A p.
            MultiplyGram(gram, 1f, ref p, ref ap, stride);
            for (int j = 0; j < columns.Length; j++)
            {
                ref float y = ref fixedFactors.RowReference(columns[j]);
                float s = FactorKernels.DotPadded(ref y, ref p, stride);
                FactorKernels.AxpyPadded((MathF.Abs(confidences[j]) - 1f) * s, ref y, ref ap, stride);
            }

            float curvature = FactorKernels.DotPadded(ref p, ref ap, stride);
            if (!(curvature > 0))
            {
                // A is positive definite, so only a direction lost to rounding (or a NaN) gets here.
                break;
            }

            float alpha = residual / curvature;
            FactorKernels.AxpyPadded(alpha, ref p, ref x, stride);
            FactorKernels.AxpyPadded(-alpha, ref ap, ref r, stride);
            float next = FactorKernels.DotPadded(ref r, ref r, stride);

            // p = r + (next / residual) p.
            float beta = next / residual;
            for (int f = 0; f < stride; f++)
            {
                ref float pf = ref Unsafe.Add(ref p, f);
                pf = Unsafe.Add(ref r, f) + (beta * pf);
            }

            residual = next;
        }
    }

    /// <summary>result = scale · G v, as the sum of G's rows weighted by v (G is symmetric), so result's padding stays zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void MultiplyGram(FactorMatrix gram, float scale, ref float v, ref float result, int stride)
    {
        Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref result), 0, (uint)(stride * sizeof(float)));
        for (int f = 0; f < gram.Rows; f++)
        {
            FactorKernels.AxpyPadded(scale * Unsafe.Add(ref v, f), ref gram.RowReference(f), ref result, stride);
        }
    }

    private static void Copy(ref float source, ref float destination, int length) =>
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref destination), ref Unsafe.As<float, byte>(ref source), (uint)(length * sizeof(float)));
}
