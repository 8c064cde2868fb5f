using MathNet.Numerics.LinearAlgebra.Double;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>
/// One row of explicit ALS against fixed factors and biases, compared with the normal equations the
/// test builds from the objective's definition, Σ_j (r_j − μ − b_j − b − x·q_j)² + α‖x‖² + β b²,
/// as a dense matrix over [q_j; 1] and solves with MathNet's LU solver in double precision.
/// </summary>
public sealed class ExplicitAlsRowTests
{
    private const float Mean = 3.5f;

    [Theory]
    [InlineData(6, 15, 40)]
    [InlineData(20, 300, 400)]
    [InlineData(33, 129, 200)]
    public void The_row_is_the_dense_direct_solution(int k, int ratings, int fixedRows)
    {
        var rng = new Random(k + ratings);
        FactorMatrix q = FactorMatrix.FromRows(fixedRows, k, Enumerable.Range(0, fixedRows * k).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray());
        float[] fixedBiases = Enumerable.Range(0, fixedRows).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        int[] columns = Enumerable.Range(0, fixedRows).OrderBy(_ => rng.Next()).Take(ratings).Order().ToArray();
        float[] values = columns.Select(_ => (float)(1 + (4 * rng.NextDouble()))).ToArray();
        double alpha = 0.3 * ratings, beta = 0.05 * ratings;

        // The reference: X = [q_j, 1] row by row, A = XᵀX + diag(α, …, α, β), b = Xᵀe.
        var x = DenseMatrix.Create(ratings, k + 1, (j, f) => f < k ? q.GetRow(columns[j])[f] : 1.0);
        var e = DenseVector.Create(ratings, j => (double)values[j] - Mean - fixedBiases[columns[j]]);
        var penalty = DenseMatrix.CreateDiagonal(k + 1, k + 1, f => f < k ? alpha : beta);
        var exact = (x.TransposeThisAndMultiply(x) + penalty).Solve(x.TransposeThisAndMultiply(e));

        var row = new float[k];
        float bias = 0;
        ExplicitAlsRow.Solve(row, ref bias, q, fixedBiases, columns, values, Mean, alpha, beta, new ExplicitAlsWorkspace(k));

        // The sums are float (each product and addition relative error 2⁻²⁴, a few hundred terms),
        // the solve double; the system is well conditioned (α ≥ 0.3·n on the diagonal).
        double[] got = [.. row.Select(v => (double)v), bias];
        double error = Math.Sqrt(got.Select((v, f) => Math.Pow(v - exact[f], 2)).Sum()) / exact.L2Norm();
        error.Should().BeLessThan(1e-5);
        exact.L2Norm().Should().BeGreaterThan(0.01, "a trivial solution would test nothing");
    }

    [Fact]
    public void The_squared_error_is_the_sum_over_the_rows_ratings()
    {
        var rng = new Random(2);
        const int K = 5;
        FactorMatrix q = FactorMatrix.FromRows(30, K, Enumerable.Range(0, 30 * K).Select(_ => (float)rng.NextDouble()).ToArray());
        float[] fixedBiases = Enumerable.Range(0, 30).Select(_ => (float)rng.NextDouble()).ToArray();
        int[] columns = [1, 4, 7, 20, 29];
        float[] values = [1f, 2f, 3f, 4f, 5f];
        FactorMatrix x = FactorMatrix.FromRows(1, K, [0.1f, -0.2f, 0.3f, 0.4f, -0.5f]);
        const float Bias = 0.25f;

        double expected = 0;
        for (int j = 0; j < columns.Length; j++)
        {
            double dot = 0;
            for (int f = 0; f < K; f++)
            {
                dot += (double)x.GetRow(0)[f] * q.GetRow(columns[j])[f];
            }

            expected += Math.Pow(values[j] - Mean - fixedBiases[columns[j]] - Bias - dot, 2);
        }

        ExplicitAlsRow.SquaredError(ref x.RowReference(0), Bias, q, fixedBiases, columns, values, Mean, new ExplicitAlsWorkspace(K))
            .Should().BeApproximately(expected, expected * 1e-6);
    }
}
