using MathNet.Numerics.LinearAlgebra;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>
/// One row of implicit ALS against fixed factors Y (50 rows, k = 8) with 10 interactions, solved
/// by the library's two row solvers and compared with the dense normal equations the test builds
/// from the paper's definition and solves by Gaussian elimination in double precision.
/// </summary>
public sealed class ImplicitRowSolveTests
{
    private const int K = 8;
    private const float Lambda = 0.5f;

    private readonly FactorMatrix _y;
    private readonly int[] _columns;
    private readonly float[] _confidences;
    private readonly double[,] _a;
    private readonly double[] _exact;

    public ImplicitRowSolveTests()
    {
        var rng = new Random(11);
        _y = FactorMatrix.FromRows(50, K, Enumerable.Range(0, 50 * K).Select(_ => (float)((rng.NextDouble() * 2) - 1)).ToArray());
        _columns = Enumerable.Range(0, 50).OrderBy(_ => rng.Next()).Take(10).Order().ToArray();
        _confidences = _columns.Select(_ => (float)(1 + (5 * rng.NextDouble()))).ToArray();
        var byRow = _columns.Select((c, j) => (c, j)).ToDictionary(t => t.c, t => (double)_confidences[t.j]);
        (_a, double[] b) = ImplicitReference.System(_y, byRow, Lambda, _ => true);
        _exact = ImplicitReference.Solve(_a, b);
    }

    [Fact]
    public void The_cholesky_row_is_the_exact_solution()
    {
        var x = new float[K];
        CholeskyRow.Solve(x, GramDouble(), _y, _columns, _confidences, new RowWorkspace(K, _columns.Length, exact: true));

        // Double precision throughout; only the float result is rounded (2⁻²⁴ ≈ 6e-8).
        ImplicitReference.RelativeError(x, _exact).Should().BeLessThan(1e-6);
    }

    [Fact]
    public void Conjugate_gradients_reach_the_cholesky_solution_within_float_accuracy()
    {
        var x = new FactorMatrix(1, K);
        ConjugateGradientRow.Solve(ref x.RowReference(0), GramSingle(), _y, _columns, _confidences, steps: 2 * K, new RowWorkspace(K, _columns.Length, exact: false));

        // In exact arithmetic CG ends at the solution within k steps; 2k steps absorb the loss of
        // conjugacy in float. What remains is float rounding, which the condition number κ(A)
        // amplifies: a relative error of about κ·2⁻²⁴, allowed here ten times over.
        double tolerance = 10 * Condition() * Math.ScaleB(1, -24);
        tolerance.Should().BeLessThan(1e-3, "the test's system is well enough conditioned to mean something");
        ImplicitReference.RelativeError(x.GetRow(0), _exact).Should().BeLessThan(tolerance);
    }

    [Fact]
    public void Three_warm_started_steps_shrink_the_error_as_fast_as_conjugate_gradients_promise()
    {
        // Start where the previous iteration would leave the row: near the solution.
        var rng = new Random(3);
        var x = new FactorMatrix(1, K);
        Span<float> start = x.Row(0);
        for (int f = 0; f < K; f++)
        {
            start[f] = (float)(_exact[f] + (0.3 * ((rng.NextDouble() * 2) - 1)));
        }

        double before = EnergyNormOfError(x.GetRow(0));
        ConjugateGradientRow.Solve(ref x.RowReference(0), GramSingle(), _y, _columns, _confidences, steps: 3, new RowWorkspace(K, _columns.Length, exact: false));
        double after = EnergyNormOfError(x.GetRow(0));

        // ‖e_s‖_A ≤ 2((√κ − 1)/(√κ + 1))^s ‖e_0‖_A (e.g. Saad, Iterative Methods, Thm 6.29).
        double root = Math.Sqrt(Condition());
        double bound = 2 * Math.Pow((root - 1) / (root + 1), 3);
        (after / before).Should().BeLessThan(bound);
    }

    /// <summary>G = YᵀY + λI in double, row-major, as the Cholesky solver takes it.</summary>
    private double[] GramDouble()
    {
        var gram = new double[K * K];
        for (int r = 0; r < _y.Rows; r++)
        {
            ReadOnlySpan<float> y = _y.GetRow(r);
            for (int f = 0; f < K; f++)
            {
                for (int g = 0; g < K; g++)
                {
                    gram[(f * K) + g] += (double)y[f] * y[g];
                }
            }
        }

        for (int f = 0; f < K; f++)
        {
            gram[(f * K) + f] += Lambda;
        }

        return gram;
    }

    /// <summary>The same G rounded to float, one padded row per factor, as the CG solver takes it.</summary>
    private FactorMatrix GramSingle() => FactorMatrix.FromRows(K, K, GramDouble().Select(v => (float)v).ToArray());

    private double Condition()
    {
        var eigenvalues = Matrix<double>.Build.DenseOfArray(_a).Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).ToArray();
        return eigenvalues.Max() / eigenvalues.Min();
    }

    private double EnergyNormOfError(ReadOnlySpan<float> x)
    {
        var e = new double[K];
        for (int f = 0; f < K; f++)
        {
            e[f] = x[f] - _exact[f];
        }

        double sum = 0;
        for (int f = 0; f < K; f++)
        {
            for (int g = 0; g < K; g++)
            {
                sum += e[f] * _a[f, g] * e[g];
            }
        }

        return Math.Sqrt(sum);
    }
}
