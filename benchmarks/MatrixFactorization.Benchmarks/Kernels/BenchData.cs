using MatrixFactorization.Kernels;

namespace MatrixFactorization.Benchmarks.Kernels;

internal static class BenchData
{
    /// <summary>A matrix of uniform values in [-0.5, 0.5) from a fixed seed, so every run scores the same data.</summary>
    public static FactorMatrix Random(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var matrix = new FactorMatrix(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = matrix.Row(r);
            for (int c = 0; c < row.Length; c++)
            {
                row[c] = random.NextSingle() - 0.5f;
            }
        }

        return matrix;
    }
}
