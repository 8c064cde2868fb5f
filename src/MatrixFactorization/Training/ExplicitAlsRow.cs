using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Explicit ALS's exact row update: with the other side fixed, a user's factors x and bias b
/// minimize Σ_j (e_j − x·q_j − b)² + α‖x‖² + β b², where e_j = r_j − μ − b_j is the rating less the
/// fixed part of its prediction. The normal equations of [x; b] against [q_j; 1] are
/// [Σ q qᵀ + αI, Σ q; Σ qᵀ, n + β] [x; b] = [Σ e q; Σ e], solved by Cholesky in double precision.
/// The same holds for an item with the users fixed.
/// </summary>
/// <remarks>
/// The sums are taken in single precision, <see cref="ExplicitAlsWorkspace.Chunk"/> ratings at a
/// time: the chunk's fixed rows are gathered with a 1 and the residual e appended, [q_j, 1, e_j],
/// into a contiguous panel P, and the register-blocked <see cref="GramKernel"/> adds PᵀP, whose
/// blocks are Σ q qᵀ (upper triangle), Σ q, n, Σ e q and Σ e. The system is then factored by the
/// blocked <see cref="UpperCholesky"/> in double precision. O(n·k² + k³) for a row with n
/// ratings; nothing is allocated.
/// </remarks>
internal static class ExplicitAlsRow
{
    /// <summary>Ratings ahead whose fixed row is prefetched while one is gathered.</summary>
    private const int PrefetchDistance = 24;

    /// <summary>Sets x and b to the exact solution; NaN if the system is not positive definite (a NaN or infinite input), so the loss reports divergence.</summary>
    /// <param name="x">The row's factors, written.</param>
    /// <param name="bias">The row's bias, written.</param>
    /// <param name="fixedFactors">The other side's factors.</param>
    /// <param name="fixedBiases">The other side's biases.</param>
    /// <param name="columns">The other side's rows this row rated (or was rated by).</param>
    /// <param name="values">The ratings, parallel to <paramref name="columns"/>.</param>
    /// <param name="offset">μ, the global mean.</param>
    /// <param name="factorPenalty">α, &gt; 0: λ, or λ·n under weighted-λ.</param>
    /// <param name="biasPenalty">β, ≥ 0.</param>
    /// <param name="workspace">Scratch memory.</param>
    public static void Solve(
        Span<float> x,
        ref float bias,
        FactorMatrix fixedFactors,
        ReadOnlySpan<float> fixedBiases,
        ReadOnlySpan<int> columns,
        ReadOnlySpan<float> values,
        float offset,
        double factorPenalty,
        double biasPenalty,
        ExplicitAlsWorkspace workspace) =>
        Solve(KernelDispatch.Active, x, ref bias, fixedFactors, fixedBiases, columns, values, offset, factorPenalty, biasPenalty, workspace);

    /// <summary><see cref="Solve(Span{float}, ref float, FactorMatrix, ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, float, double, double, ExplicitAlsWorkspace)"/> on a given kernel path, for tests of every path.</summary>
    internal static void Solve(
        KernelPath path,
        Span<float> x,
        ref float bias,
        FactorMatrix fixedFactors,
        ReadOnlySpan<float> fixedBiases,
        ReadOnlySpan<int> columns,
        ReadOnlySpan<float> values,
        float offset,
        double factorPenalty,
        double biasPenalty,
        ExplicitAlsWorkspace workspace)
    {
        int k = x.Length;
        int size = k + 1;
        int fixedStride = fixedFactors.Stride;
        FactorMatrix panel = workspace.Panel;
        FactorMatrix gram = workspace.Gram;
        int panelStride = panel.Stride;
        int gramStride = gram.Stride;
        ref float fixedFirst = ref fixedFactors.RowReference(0);
        Span<float> panelRows = panel.PaddedStorage;
        double residualSum = 0;
        for (int start = 0; start < columns.Length; start += ExplicitAlsWorkspace.Chunk)
        {
            int count = Math.Min(ExplicitAlsWorkspace.Chunk, columns.Length - start);
            for (int j = 0; j < count; j++)
            {
                // The fixed rows are scattered over a matrix larger than the caches: without the
                // prefetch, the gather waits on memory for most of the row's time.
                if (start + j + PrefetchDistance < columns.Length)
                {
                    Prefetcher.Row(ref fixedFirst, columns[start + j + PrefetchDistance], fixedStride);
                }

                int column = columns[start + j];
                float residual = values[start + j] - offset - fixedBiases[column];
                residualSum += residual;

                // The whole padded row: its zeros past k keep the panel's padding zero. SAFETY: every
                // column is a row of the fixed matrix (the rating store checked its ids).
                Span<float> target = panelRows.Slice(j * panelStride, panelStride);
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref fixedFirst, (nint)column * fixedStride), fixedStride).CopyTo(target);
                target[k] = 1f;
                target[k + 1] = residual;
            }

            GramKernel.Compute(path, ref panel.RowReference(0), panelStride, count, k, k + 2, ref gram.RowReference(0), gramStride, accumulate: start > 0);
        }

        Span<double> a = workspace.System;
        Span<double> b = workspace.RightHandSide;
        int systemStride = workspace.SystemStride;
        ReadOnlySpan<float> sums = gram.PaddedStorage;
        int onesRow = k * gramStride;
        int residualRow = (k + 1) * gramStride;
        ref float gramFirst = ref MemoryMarshal.GetReference(sums);
        ref double systemFirst = ref MemoryMarshal.GetReference(a);
        for (int f = 0; f < k; f++)
        {
            // Row f of the upper triangle in whole vectors from column f: the lanes past k land in
            // the system's row padding (SAFETY: Gram rows are padded to 16 floats, system rows to
            // size + 8 doubles) and column k is written after them.
            ref float products = ref Unsafe.Add(ref gramFirst, (f * gramStride) + f);
            ref double upper = ref Unsafe.Add(ref systemFirst, (f * systemStride) + f);
            for (int g = 0; g < k - f; g += Vector256<float>.Count)
            {
                (Vector256<double> low, Vector256<double> high) = Vector256.Widen(Vector256.LoadUnsafe(ref products, (nuint)g));
                low.StoreUnsafe(ref upper, (nuint)g);
                high.StoreUnsafe(ref upper, (nuint)(g + Vector256<double>.Count));
            }

            upper += factorPenalty;
            Unsafe.Add(ref upper, k - f) = sums[onesRow + f];
            b[f] = sums[residualRow + f];
        }

        a[(k * systemStride) + k] = columns.Length + biasPenalty;
        b[k] = residualSum;
        if (!UpperCholesky.Factor(path, a, size, systemStride))
        {
            x.Fill(float.NaN);
            bias = float.NaN;
            return;
        }

        UpperCholesky.Solve(path, a, size, systemStride, b);
        for (int f = 0; f < k; f++)
        {
            x[f] = (float)b[f];
        }

        bias = (float)b[k];
    }

    /// <summary>Σ_j (r_j − μ − b_j − b − x·q_j)² over the row's ratings, in double.</summary>
    /// <param name="x">The first float of the row's padded factors.</param>
    /// <param name="bias">The row's bias.</param>
    /// <param name="fixedFactors">The other side's factors.</param>
    /// <param name="fixedBiases">The other side's biases.</param>
    /// <param name="columns">The other side's rows this row rated (or was rated by).</param>
    /// <param name="values">The ratings.</param>
    /// <param name="offset">μ.</param>
    /// <param name="workspace">Scratch memory.</param>
    public static double SquaredError(ref float x, float bias, FactorMatrix fixedFactors, ReadOnlySpan<float> fixedBiases, ReadOnlySpan<int> columns, ReadOnlySpan<float> values, float offset, ExplicitAlsWorkspace workspace)
    {
        double loss = 0;
        Span<float> dots = workspace.Residuals;
        for (int start = 0; start < columns.Length; start += ExplicitAlsWorkspace.Chunk)
        {
            int count = Math.Min(ExplicitAlsWorkspace.Chunk, columns.Length - start);
            ReadOnlySpan<int> chunk = columns.Slice(start, count);
            FactorKernels.DotRowsPadded(ref fixedFactors.RowReference(0), fixedFactors.Stride, chunk, ref x, dots[..count]);
            for (int j = 0; j < count; j++)
            {
                double error = (double)values[start + j] - offset - fixedBiases[chunk[j]] - bias - dots[j];
                loss += error * error;
            }
        }

        return loss;
    }
}
