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
/// ratings; nothing is allocated. The row's squared error after the solve follows from the same
/// sums in O(k), so the training loss needs no second pass over the fixed rows.
/// </remarks>
internal static class ExplicitAlsRow
{
    /// <summary>Ratings ahead whose fixed row is prefetched while one is gathered.</summary>
    private const int PrefetchDistance = 24;

    /// <summary>
    /// Sets x and b to the exact solution and returns the row's squared error after it,
    /// Σ_j (e_j − x·q_j − b)²; NaN (and NaN parameters) if the system is not positive definite (a
    /// NaN or infinite input), so the loss reports divergence.
    /// </summary>
    /// <param name="x">The row's factors, written.</param>
    /// <param name="bias">The row's bias, written.</param>
    /// <param name="fixedFactors">The other side's factors.</param>
    /// <param name="fixedBiases">The other side's biases.</param>
    /// <param name="columns">The other side's rows this row rated (or was rated by).</param>
    /// <param name="values">The ratings, parallel to <paramref name="columns"/>.</param>
    /// <param name="upcoming">The columns of the rows solved next, if any: their first fixed rows are prefetched while this row's last ratings are gathered, so they arrive during this row's factorization.</param>
    /// <param name="offset">μ, the global mean.</param>
    /// <param name="factorPenalty">α, &gt; 0: λ, or λ·n under weighted-λ.</param>
    /// <param name="biasPenalty">β, ≥ 0.</param>
    /// <param name="workspace">Scratch memory.</param>
    /// <returns>The squared error of the solved row against its ratings.</returns>
    public static double Solve(
        Span<float> x,
        ref float bias,
        FactorMatrix fixedFactors,
        ReadOnlySpan<float> fixedBiases,
        ReadOnlySpan<int> columns,
        ReadOnlySpan<float> values,
        ReadOnlySpan<int> upcoming,
        float offset,
        double factorPenalty,
        double biasPenalty,
        ExplicitAlsWorkspace workspace) =>
        Solve(KernelDispatch.Active, x, ref bias, fixedFactors, fixedBiases, columns, values, upcoming, offset, factorPenalty, biasPenalty, workspace);

    /// <summary><see cref="Solve(Span{float}, ref float, FactorMatrix, ReadOnlySpan{float}, ReadOnlySpan{int}, ReadOnlySpan{float}, ReadOnlySpan{int}, float, double, double, ExplicitAlsWorkspace)"/> on a given kernel path, for tests of every path.</summary>
    internal static double Solve(
        KernelPath path,
        Span<float> x,
        ref float bias,
        FactorMatrix fixedFactors,
        ReadOnlySpan<float> fixedBiases,
        ReadOnlySpan<int> columns,
        ReadOnlySpan<float> values,
        ReadOnlySpan<int> upcoming,
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
        ref float panelFirst = ref panel.RowReference(0);
        double residualSum = 0;
        double residualSquares = 0;
        for (int start = 0; start < columns.Length; start += ExplicitAlsWorkspace.Chunk)
        {
            int count = Math.Min(ExplicitAlsWorkspace.Chunk, columns.Length - start);
            for (int j = 0; j < count; j++)
            {
                // The fixed rows are scattered over a matrix larger than the caches: without the
                // prefetch, the gather waits on memory for most of the row's time. Near the row's
                // end the next row's first ratings are fetched, which then arrive during the
                // factorization instead of stalling the next row's start.
                int ahead = start + j + PrefetchDistance;
                if (ahead < columns.Length)
                {
                    Prefetcher.Row(ref fixedFirst, columns[ahead], fixedStride);
                }
                else if (ahead - columns.Length < upcoming.Length)
                {
                    Prefetcher.Row(ref fixedFirst, upcoming[ahead - columns.Length], fixedStride);
                }

                int column = columns[start + j];
                float residual = values[start + j] - offset - fixedBiases[column];
                residualSum += residual;
                residualSquares += (double)residual * residual;

                // The whole padded row, whose zeros past k keep the panel's padding zero. SAFETY:
                // every column is a row of the fixed matrix (the rating store checked its ids).
                ref float target = ref Unsafe.Add(ref panelFirst, j * panelStride);
                CopyRow(path, ref Unsafe.Add(ref fixedFirst, (nint)column * fixedStride), ref target, fixedStride);
                Unsafe.Add(ref target, k) = 1f;
                Unsafe.Add(ref target, k + 1) = residual;
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
            return double.NaN;
        }

        UpperCholesky.Solve(path, a, size, systemStride, b);

        // The squared error from the sums, instead of a second pass over the scattered fixed rows:
        // with G = Σ [q; 1][q; 1]ᵀ, c = Σ e [q; 1], D the penalties and z = [x; b] solving
        // (G + D) z = c, Σ (e − z·[q; 1])² = Σ e² − 2 zᵀc + zᵀGz = Σ e² − zᵀc − zᵀDz.
        double explained = 0;
        double penalty = 0;
        for (int f = 0; f < k; f++)
        {
            explained += b[f] * sums[residualRow + f];
            penalty += b[f] * b[f];
            x[f] = (float)b[f];
        }

        explained += b[k] * residualSum;
        bias = (float)b[k];

        // Float sums leave an error near 2⁻²⁴·Σ e²; a row fitted almost exactly must not report a
        // negative square.
        return Math.Max(0, residualSquares - explained - (factorPenalty * penalty) - (biasPenalty * b[k] * b[k]));
    }

    /// <summary>Copies a padded row of <paramref name="length"/> floats, a multiple of 16, with whole vectors instead of a memmove call per rating.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow(KernelPath path, ref float source, ref float target, int length)
    {
        if (path == KernelPath.Vector512)
        {
            for (int f = 0; f < length; f += Vector512<float>.Count)
            {
                Vector512.LoadUnsafe(ref source, (nuint)f).StoreUnsafe(ref target, (nuint)f);
            }
        }
        else if (path == KernelPath.Vector256)
        {
            for (int f = 0; f < length; f += Vector256<float>.Count)
            {
                Vector256.LoadUnsafe(ref source, (nuint)f).StoreUnsafe(ref target, (nuint)f);
            }
        }
        else
        {
            MemoryMarshal.CreateReadOnlySpan(ref source, length).CopyTo(MemoryMarshal.CreateSpan(ref target, length));
        }
    }
}
