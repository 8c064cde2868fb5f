namespace MatrixFactorization.Tests.Recommendation;

/// <summary>
/// An independent ridge-regression solver for checking fold-ins: builds (AᵀA + Λ) x = Aᵀy in
/// double and solves it by Gaussian elimination with partial pivoting.
/// </summary>
internal static class NormalEquations
{
    public static double[] Solve(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, double[] penalties)
    {
        int d = penalties.Length;
        var m = new double[d, d + 1];
        for (int r = 0; r < rows.Count; r++)
        {
            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b < d; b++)
                {
                    m[a, b] += rows[r][a] * rows[r][b];
                }

                m[a, d] += rows[r][a] * targets[r];
            }
        }

        for (int a = 0; a < d; a++)
        {
            m[a, a] += penalties[a];
        }

        for (int col = 0; col < d; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < d; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (int c = 0; c <= d; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            for (int r = 0; r < d; r++)
            {
                if (r == col)
                {
                    continue;
                }

                double factor = m[r, col] / m[col, col];
                for (int c = col; c <= d; c++)
                {
                    m[r, c] -= factor * m[col, c];
                }
            }
        }

        var x = new double[d];
        for (int a = 0; a < d; a++)
        {
            x[a] = m[a, d] / m[a, a];
        }

        return x;
    }
}
