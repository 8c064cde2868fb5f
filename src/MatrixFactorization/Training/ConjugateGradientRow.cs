using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Implicit ALS's row update by conjugate gradients (Takács, Pilászy and Tikk 2011; the implicit
/// library's <c>least_squares_cg</c>): a few steps on (G + Σ_j (c_j − 1) y_j y_jᵀ) x = Σ_j p_j c_j y_j,
/// starting from the row's current value, where G = YᵀY + λI and j runs over the row's interactions.
/// </summary>
/// <remarks>
/// The system matrix is never formed: each product A·v is G·v plus Σ_j (c_j − 1)(y_j·v) y_j, so a
/// step costs O(n·k + k²) for a row with n interactions. Each pass over the interactions first
/// takes the n dot products, four rows at a time with one reduction for the four, then adds the
/// weighted rows with one kernel that keeps its sums in registers; a dot and an axpy per
/// interaction would reduce each dot alone and load and store the k-vector n times. Single
/// precision on padded rows; nothing is allocated.
/// </remarks>
internal static class ConjugateGradientRow
{
    /// <summary>A squared residual norm below this is taken as converged (the implicit library's bound).</summary>
    private const float Converged = 1e-20f;

    /// <summary>The first pass takes its dot products in chunks of this many rows and prefetches the next chunk.</summary>
    private const int PrefetchChunk = 16;

    /// <summary>Improves row x in place by up to <paramref name="steps"/> conjugate-gradient steps.</summary>
    /// <param name="x">The first float of the padded row being solved.</param>
    /// <param name="gram">G = YᵀY + λI, k padded rows.</param>
    /// <param name="fixedFactors">Y, the other side's factors.</param>
    /// <param name="columns">The rows of Y the row interacted with.</param>
    /// <param name="confidences">Their signed confidences (see <see cref="Models.ImplicitObjective"/>): c for p = 1, −c for p = 0.</param>
    /// <param name="steps">The most steps.</param>
    /// <param name="workspace">Scratch vectors and at least <paramref name="columns"/>.Length weights.</param>
    public static void Solve(ref float x, FactorMatrix gram, FactorMatrix fixedFactors, ReadOnlySpan<int> columns, ReadOnlySpan<float> confidences, int steps, RowWorkspace workspace)
    {
        int stride = fixedFactors.Stride;
        FactorMatrix vectors = workspace.Vectors;
        ref float r = ref vectors.RowReference(0);
        ref float p = ref vectors.RowReference(1);
        ref float ap = ref vectors.RowReference(2);
        ref float y0 = ref fixedFactors.RowReference(0);
        Span<float> weights = workspace.Weights.AsSpan(0, columns.Length);

        // r = b − A x = Σ_j (p_j c_j − (c_j − 1)(y_j·x)) y_j − G x. This pass brings the rows in,
        // so each chunk's dot products run while the next chunk's rows are on their way.
        for (int start = 0; start < columns.Length; start += PrefetchChunk)
        {
            int end = Math.Min(columns.Length, start + PrefetchChunk);
            int ahead = Math.Min(columns.Length, end + PrefetchChunk);
            for (int j = end; j < ahead; j++)
            {
                Prefetcher.Row(ref y0, columns[j], stride);
            }

            FactorKernels.DotRowsPadded(ref y0, stride, columns[start..end], ref x, weights[start..end]);
        }

        for (int j = 0; j < columns.Length; j++)
        {
            float c = confidences[j];
            weights[j] = MathF.Max(c, 0f) - ((MathF.Abs(c) - 1f) * weights[j]);
        }

        Clear(ref r, stride);
        FactorKernels.AddWeightedRowsPadded(ref y0, stride, columns, weights, ref r);
        MultiplyGram(gram, ref x, ref ap, workspace.Identity);
        FactorKernels.AxpyPadded(-1f, ref ap, ref r, stride);

        Copy(ref r, ref p, stride);
        float residual = FactorKernels.DotPadded(ref r, ref r, stride);
        for (int step = 0; step < steps && residual >= Converged; step++)
        {
            // ap = A p = G p + Σ_j (c_j − 1)(y_j·p) y_j.
            FactorKernels.DotRowsPadded(ref y0, stride, columns, ref p, weights);
            for (int j = 0; j < columns.Length; j++)
            {
                weights[j] *= MathF.Abs(confidences[j]) - 1f;
            }

            MultiplyGram(gram, ref p, ref ap, workspace.Identity);
            FactorKernels.AddWeightedRowsPadded(ref y0, stride, columns, weights, ref ap);

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

    /// <summary>result = G v, as the combination of G's rows weighted by v (G is symmetric), so result's padding stays zero.</summary>
    /// <param name="gram">G, k padded rows.</param>
    /// <param name="v">The first float of a padded vector; its first k entries are read.</param>
    /// <param name="result">The first float of a padded vector, overwritten.</param>
    /// <param name="identity">0 … k − 1.</param>
    internal static void MultiplyGram(FactorMatrix gram, ref float v, ref float result, int[] identity)
    {
        int stride = gram.Stride;
        Clear(ref result, stride);
        FactorKernels.AddWeightedRowsPadded(ref gram.RowReference(0), stride, identity, MemoryMarshal.CreateReadOnlySpan(ref v, gram.Rows), ref result);
    }

    private static void Clear(ref float start, int length) =>
        Unsafe.InitBlockUnaligned(ref Unsafe.As<float, byte>(ref start), 0, (uint)(length * sizeof(float)));

    private static void Copy(ref float source, ref float destination, int length) =>
        Unsafe.CopyBlockUnaligned(ref Unsafe.As<float, byte>(ref destination), ref Unsafe.As<float, byte>(ref source), (uint)(length * sizeof(float)));
}
