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
/// time: the chunk's fixed rows are transposed once, so row f of Σ q qᵀ is the weighted row sum
/// Σ_j q_j[f] q_j, which the kernel keeps in registers across the chunk; only the first f + 1
/// entries (rounded up to whole vectors) are summed, the lower triangle the factorization reads.
/// O(n·k² + k³) for a row with n ratings; nothing is allocated.
/// </remarks>
internal static class ExplicitAlsRow
{
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
        ExplicitAlsWorkspace workspace)
    {
        int k = x.Length;
        int size = k + 1;
        int stride = fixedFactors.Stride;
        ref float first = ref fixedFactors.RowReference(0);
        FactorMatrix sums = workspace.Sums;
        float[] transposed = workspace.Transposed;
        float[] residuals = workspace.Residuals;
        sums.PaddedStorage.Clear();
        double residualSum = 0;
        for (int start = 0; start < columns.Length; start += ExplicitAlsWorkspace.Chunk)
        {
            int count = Math.Min(ExplicitAlsWorkspace.Chunk, columns.Length - start);
            ReadOnlySpan<int> chunk = columns.Slice(start, count);
            for (int j = 0; j < count; j++)
            {
                int column = chunk[j];
                float residual = values[start + j] - offset - fixedBiases[column];
                residuals[j] = residual;
                residualSum += residual;
                ReadOnlySpan<float> q = fixedFactors.GetRow(column);
                for (int f = 0; f < k; f++)
                {
                    transposed[(f * ExplicitAlsWorkspace.Chunk) + j] = q[f];
                }
            }

            // Rows of Σ q qᵀ four at a time (a multiple of 4 shares its prefix with the next three).
            int g = 0;
            for (; g + 4 <= k; g += 4)
            {
                FactorKernels.AddWeightedRowsPrefix4(ref first, stride, Prefix(g + 3), chunk, ref transposed[g * ExplicitAlsWorkspace.Chunk], ExplicitAlsWorkspace.Chunk, ref sums.RowReference(g), sums.Stride);
            }

            for (; g < k; g++)
            {
                FactorKernels.AddWeightedRowsPrefix(ref first, stride, Prefix(g), chunk, transposed.AsSpan(g * ExplicitAlsWorkspace.Chunk, count), ref sums.RowReference(g));
            }

            FactorKernels.AddWeightedRowsPadded(ref first, stride, chunk, workspace.Ones.AsSpan(0, count), ref sums.RowReference(k));
            FactorKernels.AddWeightedRowsPadded(ref first, stride, chunk, residuals.AsSpan(0, count), ref sums.RowReference(k + 1));
        }

        Span<double> a = workspace.System;
        Span<double> b = workspace.RightHandSide;
        ReadOnlySpan<float> sumQ = sums.GetRow(k);
        ReadOnlySpan<float> sumEq = sums.GetRow(k + 1);
        for (int f = 0; f < k; f++)
        {
            ReadOnlySpan<float> products = sums.GetRow(f);
            Span<double> lower = a.Slice(f * size, f + 1);
            for (int g = 0; g <= f; g++)
            {
                lower[g] = products[g];
            }

            lower[f] += factorPenalty;
            a[(k * size) + f] = sumQ[f];
            b[f] = sumEq[f];
        }

        a[(k * size) + k] = columns.Length + biasPenalty;
        b[k] = residualSum;
        if (!DenseCholesky.Factor(a, size))
        {
            x.Fill(float.NaN);
            bias = float.NaN;
            return;
        }

        DenseCholesky.Solve(a, size, b);
        for (int f = 0; f < k; f++)
        {
            x[f] = (float)b[f];
        }

        bias = (float)b[k];
    }

    /// <summary>The floats of row f of Σ q qᵀ that are summed: its lower-triangle part f + 1, rounded up to whole aligned blocks.</summary>
    private static int Prefix(int f) => (f + FactorMatrix.RowAlignment) / FactorMatrix.RowAlignment * FactorMatrix.RowAlignment;

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
