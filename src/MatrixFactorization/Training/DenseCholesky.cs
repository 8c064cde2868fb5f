using System.Numerics.Tensors;

namespace MatrixFactorization.Training;

/// <summary>
/// In-place Cholesky factorization A = L Lᵀ of a small dense symmetric matrix, and the solve with
/// it, allocating nothing. The inner products run along rows of L, so they are vector dot products:
/// ALS factors one such matrix per user and item in every iteration.
/// </summary>
internal static class DenseCholesky
{
    /// <summary>Overwrites the lower triangle of the row-major n×n matrix <paramref name="a"/> with L; the upper triangle is neither read nor written.</summary>
    /// <returns>Whether the matrix was positive definite (false for NaN too).</returns>
    public static bool Factor(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = a.Slice(j * n, j + 1);
            ReadOnlySpan<double> doneJ = rowJ[..j];
            double diagonal = rowJ[j] - TensorPrimitives.Dot(doneJ, doneJ);

            if (!(diagonal > 0))
            {
                return false;
            }

            double pivot = Math.Sqrt(diagonal);
            rowJ[j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = a.Slice(i * n, j + 1);
                rowI[j] = (rowI[j] - TensorPrimitives.Dot(rowI[..j], doneJ)) / pivot;
            }
        }

        return true;
    }

    /// <summary>Solves L Lᵀ x = b in place, with L from <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        // Forward: L z = b.
        for (int i = 0; i < n; i++)
        {
            b[i] = (b[i] - TensorPrimitives.Dot(l.Slice(i * n, i), b[..i])) / l[(i * n) + i];
        }

        // Back: Lᵀ x = z.
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int p = i + 1; p < n; p++)
            {
                sum -= l[(p * n) + i] * b[p];
            }

            b[i] = sum / l[(i * n) + i];
        }
    }
}
