namespace MatrixFactorization.Training;

/// <summary>In-place Cholesky factorization A = L Lᵀ of a small dense symmetric matrix, and the solve with it, allocating nothing.</summary>
internal static class DenseCholesky
{
    /// <summary>Overwrites the lower triangle of the row-major n×n matrix <paramref name="a"/> with L; the upper triangle is neither read nor written.</summary>
    /// <returns>Whether the matrix was positive definite (false for NaN too).</returns>
    public static bool Factor(Span<double> a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            Span<double> rowJ = a.Slice(j * n, j + 1);
            double diagonal = rowJ[j];
            for (int p = 0; p < j; p++)
            {
                diagonal -= rowJ[p] * rowJ[p];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            double pivot = Math.Sqrt(diagonal);
            rowJ[j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                Span<double> rowI = a.Slice(i * n, j + 1);
                double sum = rowI[j];
                for (int p = 0; p < j; p++)
                {
                    sum -= rowI[p] * rowJ[p];
                }

                rowI[j] = sum / pivot;
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
            double sum = b[i];
            for (int p = 0; p < i; p++)
            {
                sum -= l[(i * n) + p] * b[p];
            }

            b[i] = sum / l[(i * n) + i];
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
