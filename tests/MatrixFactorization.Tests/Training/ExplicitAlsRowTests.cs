using MathNet.Numerics.LinearAlgebra.Double;
using MatrixFactorization.Kernels;
using MatrixFactorization.Tests.Support;
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

    public static TheoryData<KernelPath, int, int> PathsAndShapes()
    {
        var data = new TheoryData<KernelPath, int, int>();
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            foreach ((int k, int ratings) in new[] { (1, 3), (8, 70), (63, 129), (64, 112), (65, 200), (128, 300) })
            {
                data.Add(path, k, ratings);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(6, 15, 40)]
    [InlineData(20, 300, 400)]
    [InlineData(33, 129, 200)]
    public void The_row_is_the_dense_direct_solution(int k, int ratings, int fixedRows) =>
        CheckAgainstDenseSolution(KernelDispatch.Active, k, ratings, fixedRows);

    [Theory]
    [MemberData(nameof(PathsAndShapes))]
    public void Every_kernel_path_gives_the_dense_direct_solution(KernelPath path, int k, int ratings) =>
        CheckAgainstDenseSolution(path, k, ratings, ratings + 50);

    [Fact]
    public void Solving_rows_allocates_nothing_once_the_workspace_exists()
    {
        var rng = new Random(5);
        const int K = 64;
        FactorMatrix q = FactorMatrix.FromRows(500, K, Enumerable.Range(0, 500 * K).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray());
        float[] fixedBiases = new float[500];
        int[] columns = Enumerable.Range(0, 300).Select(j => j + 100).ToArray();
        float[] values = columns.Select(_ => 4f).ToArray();
        var workspace = new ExplicitAlsWorkspace(K);
        var row = new float[K];
        float bias = 0;
        ExplicitAlsRow.Solve(row, ref bias, q, fixedBiases, columns, values, columns.AsSpan(200), Mean, 30, 30, workspace);

        Allocations.FewestPerWindow(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                ExplicitAlsRow.Solve(row, ref bias, q, fixedBiases, columns.AsSpan(0, 10 + (i * 13)), values.AsSpan(0, 10 + (i * 13)), columns.AsSpan(10 + (i * 13)), Mean, 30, 30, workspace);
            }
        }).Should().Be(0);
    }

    private static void CheckAgainstDenseSolution(KernelPath path, int k, int ratings, int fixedRows)
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
        double squaredError = ExplicitAlsRow.Solve(path, row, ref bias, q, fixedBiases, columns, values, default, Mean, alpha, beta, new ExplicitAlsWorkspace(k));

        // The sums, the system and its solve are float (each operation's relative error 2⁻²⁴, a
        // few hundred terms); the system is well conditioned (α ≥ 0.3·n on the diagonal).
        double[] got = [.. row.Select(v => (double)v), bias];
        double error = Math.Sqrt(got.Select((v, f) => Math.Pow(v - exact[f], 2)).Sum()) / exact.L2Norm();
        error.Should().BeLessThan(1e-5);
        exact.L2Norm().Should().BeGreaterThan(0.01, "a trivial solution would test nothing");

        // The returned loss against the squared error of the returned (float) parameters, summed
        // here rating by rating in double.
        double expected = 0;
        for (int j = 0; j < ratings; j++)
        {
            double prediction = bias;
            for (int f = 0; f < k; f++)
            {
                prediction += (double)row[f] * q.GetRow(columns[j])[f];
            }

            expected += Math.Pow(e[j] - prediction, 2);
        }

        squaredError.Should().BeApproximately(expected, 1e-5 * (expected + e.DotProduct(e)));
        expected.Should().BeGreaterThan(0.01 * e.DotProduct(e), "a perfect fit would not test the loss");
    }

    [Fact]
    public void The_upcoming_columns_only_prefetch_and_change_nothing()
    {
        var rng = new Random(9);
        const int K = 16;
        FactorMatrix q = FactorMatrix.FromRows(200, K, Enumerable.Range(0, 200 * K).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray());
        float[] fixedBiases = Enumerable.Range(0, 200).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        int[] columns = Enumerable.Range(0, 200).OrderBy(_ => rng.Next()).ToArray();
        float[] values = columns.Select(_ => (float)(1 + (4 * rng.NextDouble()))).ToArray();
        var workspace = new ExplicitAlsWorkspace(K);
        float[] alone = new float[K], followed = new float[K];
        float aloneBias = 0, followedBias = 0;

        double aloneLoss = ExplicitAlsRow.Solve(alone, ref aloneBias, q, fixedBiases, columns.AsSpan(0, 30), values.AsSpan(0, 30), default, Mean, 3, 3, workspace);
        double followedLoss = ExplicitAlsRow.Solve(followed, ref followedBias, q, fixedBiases, columns.AsSpan(0, 30), values.AsSpan(0, 30), columns.AsSpan(30), Mean, 3, 3, workspace);

        followed.Should().Equal(alone);
        followedBias.Should().Be(aloneBias);
        followedLoss.Should().Be(aloneLoss);
        alone.Should().Contain(v => v != 0, "a zero solution would test nothing");
    }
}
