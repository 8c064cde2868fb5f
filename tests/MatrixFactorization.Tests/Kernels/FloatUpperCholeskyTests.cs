using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

/// <summary>
/// The single-precision blocked Cholesky factorization and solve on every path against a double
/// reference: a plain Cholesky in double, written here, of the same float matrix. The tolerances
/// are the backward error bounds of Cholesky (Higham, Accuracy and Stability of Numerical
/// Algorithms, Theorems 10.3 and 10.4) with unit roundoff u = 2⁻²⁴, widened by the three roundings
/// of each pivot's reciprocal (√d · (1/d)) and of the multiplication by it that replace a division.
/// The lower triangle and the row padding hold NaN, so a result that read them would be NaN.
/// </summary>
public sealed class FloatUpperCholeskyTests
{
    private const double UnitRoundoff = 1.0 / (1 << 24);

    public static TheoryData<KernelPath, int> PathsAndSizes()
    {
        var data = new TheoryData<KernelPath, int>();
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            foreach (int n in new[] { 1, 8, 9, 63, 64, 65, 128 })
            {
                data.Add(path, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndSizes))]
    public void Factors_and_solves_a_positive_definite_system_like_a_double_reference(KernelPath path, int n)
    {
        var random = new Random(n);
        float[,] a = PositiveDefinite(n, random);
        int stride = FloatUpperCholesky.Stride(n);

        // An offset of one float: the factorization must not depend on the storage's alignment.
        var storage = new float[(n * stride) + 1];
        Array.Fill(storage, float.NaN);
        Span<float> u = storage.AsSpan(1, n * stride);
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                u[(i * stride) + j] = a[i, j];
            }
        }

        FloatUpperCholesky.Factor(path, u, n, stride).Should().BeTrue();

        // ÛᵀÛ = A + ΔA with |ΔA| ≤ γ|Ûᵀ||Û|, and column i of Û has norm √A_ii (to first order).
        double factorGamma = Gamma(n + 4);
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double product = 0;
                for (int t = 0; t <= i; t++)
                {
                    product += (double)u[(t * stride) + i] * u[(t * stride) + j];
                }

                double scale = Math.Sqrt((double)a[i, i] * a[j, j]) * (1 + factorGamma);
                product.Should().BeApproximately(a[i, j], factorGamma * scale, $"entry ({i}, {j}) of UᵀU");
            }
        }

        double[] b = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5)];
        var x = new float[stride];
        Array.Fill(x, float.NaN);
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)b[i];
        }

        FloatUpperCholesky.Solve(path, u, n, stride, x);
        double[] exact = ReferenceSolve(ReferenceFactor(a, n), n, [.. b.Select(v => (double)(float)v)]);

        // (A + ΔA) x̂ = b with |ΔA| ≤ γ|Ûᵀ||Û|, so ‖x̂ − x‖₂ ≤ ‖A⁻¹‖₂ ‖ΔA x̂‖₂ ≤ ‖ΔA x̂‖₂, the
        // eigenvalues of A being at least 1 (less the rounding of A to float).
        double solveGamma = Gamma((3 * n) + 8);
        double boundSquared = 0;
        double errorSquared = 0;
        for (int i = 0; i < n; i++)
        {
            double bound = 0;
            for (int j = 0; j < n; j++)
            {
                bound += Math.Sqrt((double)a[i, i] * a[j, j]) * Math.Abs(x[j]);
            }

            boundSquared += bound * solveGamma * (1 + solveGamma) * bound * solveGamma * (1 + solveGamma);
            errorSquared += (x[i] - exact[i]) * (x[i] - exact[i]);
        }

        Math.Sqrt(errorSquared).Should().BeLessThanOrEqualTo((Math.Sqrt(boundSquared) * 1.01) + 1e-12, "the float solution's distance from the double one");
        Math.Sqrt(errorSquared).Should().BeLessThan(1e-4 * Math.Sqrt(exact.Sum(v => v * v)), "the float solution's relative error");
    }

    [Theory]
    [MemberData(nameof(PathsAndSizes))]
    public void Reports_a_matrix_that_is_not_positive_definite(KernelPath path, int n)
    {
        float[,] a = PositiveDefinite(n, new Random(n));
        int stride = FloatUpperCholesky.Stride(n);
        var u = new float[n * stride];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                u[(i * stride) + j] = a[i, j];
            }
        }

        u[((n - 1) * stride) + n - 1] = -1;
        FloatUpperCholesky.Factor(path, u, n, stride).Should().BeFalse();
        u[0] = float.NaN;
        FloatUpperCholesky.Factor(path, u, n, stride).Should().BeFalse();
    }

    /// <summary>γ_m = m·u / (1 − m·u), the bound on m roundings' combined relative error.</summary>
    private static double Gamma(int m) => m * UnitRoundoff / (1 - (m * UnitRoundoff));

    /// <summary>The textbook Cholesky A = UᵀU in double, row by row.</summary>
    private static double[,] ReferenceFactor(float[,] a, int n)
    {
        var r = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            double diagonal = a[i, i];
            for (int t = 0; t < i; t++)
            {
                diagonal -= r[t, i] * r[t, i];
            }

            r[i, i] = Math.Sqrt(diagonal);
            for (int j = i + 1; j < n; j++)
            {
                double sum = a[i, j];
                for (int t = 0; t < i; t++)
                {
                    sum -= r[t, i] * r[t, j];
                }

                r[i, j] = sum / r[i, i];
            }
        }

        return r;
    }

    private static double[] ReferenceSolve(double[,] r, int n, double[] b)
    {
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int t = 0; t < i; t++)
            {
                sum -= r[t, i] * z[t];
            }

            z[i] = sum / r[i, i];
        }

        var x = new double[n];
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = z[i];
            for (int j = i + 1; j < n; j++)
            {
                sum -= r[i, j] * x[j];
            }

            x[i] = sum / r[i, i];
        }

        return x;
    }

    /// <summary>MᵀM + I for a random M, rounded to float: symmetric, eigenvalues at least 1 (up to that rounding).</summary>
    private static float[,] PositiveDefinite(int n, Random random)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = random.NextDouble() - 0.5;
            }
        }

        var a = new float[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = i == j ? 1 : 0;
                for (int t = 0; t < n; t++)
                {
                    sum += m[t, i] * m[t, j];
                }

                a[i, j] = (float)sum;
            }
        }

        return a;
    }
}
