using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>The regularized Gram matrix XᵀX + λI of a sparse matrix, dense and in doubles.</summary>
internal static class InteractionGram
{
    /// <summary>Bands of Gram rows handed to the threads; more than any thread count, for balance.</summary>
    private const int Bands = 64;

    /// <summary>
    /// G[j, k] = Σ_r X[r, j]·X[r, k], plus λ on the diagonal: X's columns × columns, row-major. Each
    /// band of G's rows is accumulated by one thread from every row of X in order, so no two
    /// threads write one entry and every sum runs in the same order for any thread count.
    /// </summary>
    public static double[] Compute(InteractionMatrix x, double lambda, int threads, CancellationToken cancellation)
    {
        int n = x.ColumnCount;
        var gram = new double[n * n];
        int band = (n + Bands - 1) / Bands;
        Parallel.For(0, Bands, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation }, b =>
        {
            int low = b * band, high = Math.Min(n, low + band);
            for (int r = 0; r < x.RowCount; r++)
            {
                ReadOnlySpan<int> columns = x.Row(r);
                ReadOnlySpan<float> values = x.RowValues(r);
                int start = LowerBound(columns, low), end = LowerBound(columns, high);
                for (int k = start; k < end; k++)
                {
                    Span<double> row = gram.AsSpan(columns[k] * n, n);
                    double weight = values[k];
                    for (int c = 0; c < columns.Length; c++)
                    {
                        row[columns[c]] += weight * values[c];
                    }
                }
            }
        });

        for (int j = 0; j < n; j++)
        {
            gram[(j * n) + j] += lambda;
        }

        return gram;
    }

    /// <summary>The first position whose value is at least <paramref name="value"/>.</summary>
    private static int LowerBound(ReadOnlySpan<int> sorted, int value)
    {
        int found = sorted.BinarySearch(value);
        return found >= 0 ? found : ~found;
    }
}
