using System.Numerics.Tensors;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Implicit ALS's exact row update (Hu, Koren and Volinsky 2008, eq. 4): builds
/// A = G + Σ_j (c_j − 1) y_j y_jᵀ and b = Σ_j p_j c_j y_j in double precision, where G = YᵀY + λI, and
/// solves A x = b by a Cholesky factorization. O(n·k² + k³) for a row with n interactions.
/// </summary>
internal static class CholeskyRow
{
    /// <summary>Sets the row to the exact solution; NaN if the system is not positive definite (a NaN or infinite factor), so the loss reports divergence.</summary>
    /// <param name="x">The row written.</param>
    /// <param name="gram">G in double, row-major k×k.</param>
    /// <param name="fixedFactors">Y.</param>
    /// <param name="columns">The rows of Y the row interacted with.</param>
    /// <param name="confidences">Their signed confidences: c for p = 1, −c for p = 0.</param>
    /// <param name="workspace">Scratch memory of the exact solver.</param>
    public static void Solve(Span<float> x, double[] gram, FactorMatrix fixedFactors, ReadOnlySpan<int> columns, ReadOnlySpan<float> confidences, RowWorkspace workspace)
    {
        int k = x.Length;
        Span<double> a = workspace.System;
        Span<double> b = workspace.RightHandSide;
        Span<double> y = workspace.Row;
        gram.CopyTo(a);
        b.Clear();
        for (int j = 0; j < columns.Length; j++)
        {
            ReadOnlySpan<float> row = fixedFactors.GetRow(columns[j]);
            for (int f = 0; f < k; f++)
            {
                y[f] = row[f];
            }

            double c = confidences[j];
            double weight = Math.Abs(c) - 1;
            if (c > 0)
            {
                TensorPrimitives.MultiplyAdd(y, c, b, b);
            }

            // Only the lower triangle is read by the factorization.
            for (int f = 0; f < k; f++)
            {
                Span<double> lower = a.Slice(f * k, f + 1);
                TensorPrimitives.MultiplyAdd(y[..(f + 1)], weight * y[f], lower, lower);
            }
        }

        if (!DenseCholesky.Factor(a, k))
        {
            x.Fill(float.NaN);
            return;
        }

        DenseCholesky.Solve(a, k, b);
        for (int f = 0; f < k; f++)
        {
            x[f] = (float)b[f];
        }
    }
}
