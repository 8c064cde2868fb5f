using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Explicit ALS's exact row update: with the other side fixed, a user's factors x and bias b
/// minimize Σ_j (e_j − x·q_j − b)² + α‖x‖² + β b², where e_j = r_j − μ − b_j is the rating less the
/// fixed part of its prediction. The normal equations of [x; b] against [q_j; 1] are
/// [Σ q qᵀ + αI, Σ q; Σ qᵀ, n + β] [x; b] = [Σ e q; Σ e], solved by Cholesky.
/// The same holds for an item with the users fixed.
/// </summary>
/// <remarks>
/// The sums are taken in single precision, <see cref="ExplicitAlsWorkspace.Chunk"/> ratings at a
/// time: the chunk's fixed rows are gathered into a contiguous panel P, adding Σ q and Σ e q on
/// the way, and the register-blocked <see cref="GramKernel"/> adds PᵀP, the upper triangle of
/// Σ q qᵀ (Σ e, Σ e² and n are kept in double). The bias is eliminated and the k×k system of the
/// factors is factored by the blocked <see cref="FloatUpperCholesky"/>, all in single precision,
/// twice the lanes a vector of double: the system is symmetric positive definite
/// with the penalty α on its diagonal, so its condition number is at most 1 + ‖Σ q qᵀ‖₂/α, and
/// the factorization's backward error (about k·2⁻²⁴‖A‖) is of the order of the one the float sums
/// already put into Σ q qᵀ, which a factorization in double could not remove. O(n·k² + k³) for a
/// row with n ratings; nothing is allocated. The row's squared error after the solve follows from the same
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
        int fixedStride = fixedFactors.Stride;
        FactorMatrix panel = workspace.Panel;
        FactorMatrix gram = workspace.Gram;
        int panelStride = panel.Stride;
        int gramStride = gram.Stride;
        ref float fixedFirst = ref fixedFactors.RowReference(0);
        ref float panelFirst = ref panel.RowReference(0);
        ref float biasFirst = ref MemoryMarshal.GetReference(fixedBiases);
        Span<float> factorSums = workspace.FactorSums;
        Span<float> residualProducts = workspace.ResidualProducts;
        Span<float> chunkFactorSums = workspace.ChunkFactorSums;
        Span<float> chunkResidualProducts = workspace.ChunkResidualProducts;
        ref float chunkSums = ref MemoryMarshal.GetReference(chunkFactorSums);
        ref float chunkProducts = ref MemoryMarshal.GetReference(chunkResidualProducts);
        double residualSum = 0;
        double residualSquares = 0;
        for (int start = 0; start < columns.Length; start += ExplicitAlsWorkspace.Chunk)
        {
            int count = Math.Min(ExplicitAlsWorkspace.Chunk, columns.Length - start);
            chunkFactorSums.Clear();
            chunkResidualProducts.Clear();
            for (int j = 0; j < count; j++)
            {
                // The fixed rows are scattered over a matrix larger than the caches: without the
                // prefetch, the gather waits on memory for most of the row's time. Near the row's
                // end the next row's first ratings are fetched, which then arrive during the
                // factorization instead of stalling the next row's start.
                int ahead = start + j + PrefetchDistance;
                // The bias is fetched along with the row: the residual needs it first.
                if (ahead < columns.Length)
                {
                    Prefetcher.Row(ref fixedFirst, columns[ahead], fixedStride);
                    Prefetcher.Value(ref biasFirst, columns[ahead]);
                }
                else if (ahead - columns.Length < upcoming.Length)
                {
                    Prefetcher.Row(ref fixedFirst, upcoming[ahead - columns.Length], fixedStride);
                    Prefetcher.Value(ref biasFirst, upcoming[ahead - columns.Length]);
                }

                int column = columns[start + j];
                float residual = values[start + j] - offset - fixedBiases[column];
                residualSum += residual;
                residualSquares += (double)residual * residual;

                // The whole padded row, whose zeros past k keep the panel's padding zero. SAFETY:
                // every column is a row of the fixed matrix (the rating store checked its ids),
                // and the panel's rows are as wide as the fixed matrix's.
                ref float target = ref Unsafe.Add(ref panelFirst, j * panelStride);
                Gather(path, ref Unsafe.Add(ref fixedFirst, (nint)column * fixedStride), ref target, fixedStride, residual, ref chunkSums, ref chunkProducts);
            }

            GramKernel.Compute(path, ref panel.RowReference(0), panelStride, count, k, k, ref gram.RowReference(0), gramStride, accumulate: start > 0);

            // Chunk by chunk, as the Gram kernel adds its sums: Σ q and Σ e q carry the same
            // rounding as Σ q qᵀ (and as the panel's ones and residual columns gave before).
            for (int f = 0; f < k; f++)
            {
                factorSums[f] = start > 0 ? factorSums[f] + chunkFactorSums[f] : chunkFactorSums[f];
                residualProducts[f] = start > 0 ? residualProducts[f] + chunkResidualProducts[f] : chunkResidualProducts[f];
            }
        }

        // The bias is eliminated first, as a Cholesky step with it as the first pivot would:
        // with d = n + β and s = Σ q, (Σ q qᵀ + αI − s sᵀ/d) x = Σ e q − s·Σe/d and then
        // b = (Σe − s·x)/d. The factorization then runs on k unknowns instead of k + 1, which at
        // k = 64 is eight whole vectors a row instead of eight and a ninth for one column.
        Span<float> a = workspace.System;
        Span<float> rhs = workspace.RightHandSide;
        Span<float> coupling = workspace.BiasCoupling;
        int systemStride = workspace.SystemStride;
        double biasDiagonal = columns.Length + biasPenalty;
        double inverseBiasDiagonal = 1 / biasDiagonal;
        for (int f = 0; f < k; f++)
        {
            coupling[f] = factorSums[f];
        }

        ref float gramFirst = ref gram.RowReference(0);
        ref float systemFirst = ref MemoryMarshal.GetReference(a);
        ref float couplingFirst = ref MemoryMarshal.GetReference(coupling);
        float penalty = (float)factorPenalty;
        for (int f = 0; f < k; f++)
        {
            // Row f of the upper triangle in whole vectors from column f: the lanes past k land in
            // the system's row padding (SAFETY: the Gram matrix has a spare row for the last
            // row's overhang, system rows and the coupling are padded to k + 16 floats, the
            // coupling with zeros). The fused multiply-add rounds once: by Cauchy-Schwarz
            // s_f s_g / d ≤ √(G_ff G_gg), so the elimination's rounding is no larger than that of
            // the float Gram sums it is subtracted from.
            ref float products = ref Unsafe.Add(ref gramFirst, (f * gramStride) + f);
            ref float upper = ref Unsafe.Add(ref systemFirst, (f * systemStride) + f);
            ref float couplingF = ref Unsafe.Add(ref couplingFirst, f);
            Vector256<float> scale = Vector256.Create((float)(-coupling[f] * inverseBiasDiagonal));
            for (int g = 0; g < k - f; g += Vector256<float>.Count)
            {
                Vector256.FusedMultiplyAdd(scale, Vector256.LoadUnsafe(ref couplingF, (nuint)g), Vector256.LoadUnsafe(ref products, (nuint)g)).StoreUnsafe(ref upper, (nuint)g);
            }

            upper += penalty;
            rhs[f] = (float)(residualProducts[f] - (coupling[f] * residualSum * inverseBiasDiagonal));
        }

        if (!FloatUpperCholesky.Factor(path, a, k, systemStride))
        {
            x.Fill(float.NaN);
            bias = float.NaN;
            return double.NaN;
        }

        FloatUpperCholesky.Solve(path, a, k, systemStride, rhs);
        double coupled = 0;
        for (int f = 0; f < k; f++)
        {
            coupled += (double)coupling[f] * rhs[f];
        }

        double solvedBias = (residualSum - coupled) * inverseBiasDiagonal;

        // The squared error from the sums, instead of a second pass over the scattered fixed rows:
        // with G = Σ [q; 1][q; 1]ᵀ, c = Σ e [q; 1], D the penalties and z = [x; b] solving
        // (G + D) z = c, Σ (e − z·[q; 1])² = Σ e² − 2 zᵀc + zᵀGz = Σ e² − zᵀc − zᵀDz.
        double explained = 0;
        double squares = 0;
        for (int f = 0; f < k; f++)
        {
            double solved = rhs[f];
            explained += solved * residualProducts[f];
            squares += solved * solved;
            x[f] = rhs[f];
        }

        explained += solvedBias * residualSum;
        bias = (float)solvedBias;

        // Float sums leave an error near 2⁻²⁴·Σ e²; a row fitted almost exactly must not report a
        // negative square.
        return Math.Max(0, residualSquares - explained - (factorPenalty * squares) - (biasPenalty * solvedBias * solvedBias));
    }

    /// <summary>
    /// Copies a padded row of <paramref name="length"/> floats, a multiple of 16, with whole vectors
    /// (instead of a memmove call per rating), and adds it and <paramref name="residual"/> times it
    /// to the chunk's sums while it is in registers: Σ q and Σ e q, which the Gram kernel would
    /// otherwise take from two more panel columns at four tile rows' cost.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather(KernelPath path, ref float source, ref float target, int length, float residual, ref float sums, ref float products)
    {
        if (path == KernelPath.Vector512)
        {
            Gather<Simd512, Vector512<float>>(ref source, ref target, length, residual, ref sums, ref products);
        }
        else if (path == KernelPath.Vector256)
        {
            Gather<Simd256, Vector256<float>>(ref source, ref target, length, residual, ref sums, ref products);
        }
        else if (path == KernelPath.Vector128)
        {
            Gather<Simd128, Vector128<float>>(ref source, ref target, length, residual, ref sums, ref products);
        }
        else
        {
            for (int f = 0; f < length; f++)
            {
                float value = Unsafe.Add(ref source, f);
                Unsafe.Add(ref target, f) = value;
                Unsafe.Add(ref sums, f) += value;
                Unsafe.Add(ref products, f) += residual * value;
            }
        }
    }

    // SAFETY: the caller's rows and sums hold `length` floats, a multiple of every vector width.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather<TSimd, TVec>(ref float source, ref float target, int length, float residual, ref float sums, ref float products)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec scale = TSimd.Create(residual);
        for (int f = 0; f < length; f += TSimd.Count)
        {
            nuint o = (nuint)f;
            TVec value = TSimd.Load(ref source, o);
            TSimd.Store(value, ref target, o);
            TSimd.Store(TSimd.Add(TSimd.Load(ref sums, o), value), ref sums, o);
            TSimd.Store(TSimd.MultiplyAdd(scale, value, TSimd.Load(ref products, o)), ref products, o);
        }
    }
}
