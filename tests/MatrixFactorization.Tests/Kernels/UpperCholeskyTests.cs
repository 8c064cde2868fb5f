using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

/// <summary>
/// The blocked Cholesky factorization and solve on every path against the definitions: UᵀU must
/// give back A, and the solution must satisfy A x = b, with A a random symmetric positive definite
/// matrix built by the test. The lower triangle and the row padding hold NaN, so a result that
/// read them would be NaN.
/// </summary>
public sealed class UpperCholeskyTests
{
    public static TheoryData<KernelPath, int> PathsAndSizes()
    {
        var data = new TheoryData<KernelPath, int>();
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            foreach (int n in new[] { 1, 2, 8, 9, 17, 63, 64, 65, 66, 128, 129 })
            {
                data.Add(path, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndSizes))]
    public void Factors_and_solves_a_positive_definite_system(KernelPath path, int n)
    {
        var random = new Random(n);
        double[,] a = PositiveDefinite(n, random);
        int stride = UpperCholesky.Stride(n);

        // An offset of one double: the factorization must not depend on the storage's alignment.
        var storage = new double[(n * stride) + 1];
        Array.Fill(storage, double.NaN);
        Span<double> u = storage.AsSpan(1, n * stride);
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                u[(i * stride) + j] = a[i, j];
            }
        }

        UpperCholesky.Factor(path, u, n, stride).Should().BeTrue();

        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double product = 0;
                for (int t = 0; t <= i; t++)
                {
                    product += u[(t * stride) + i] * u[(t * stride) + j];
                }

                product.Should().BeApproximately(a[i, j], 1e-10 * n, $"entry ({i}, {j}) of UᵀU");
            }
        }

        double[] b = [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5)];
        var x = new double[stride];
        Array.Fill(x, double.NaN);
        b.CopyTo(x, 0);
        UpperCholesky.Solve(path, u, n, stride, x);
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++)
            {
                row += a[i, j] * x[j];
            }

            row.Should().BeApproximately(b[i], 1e-9, $"equation {i} of A x = b");
        }
    }

    [Theory]
    [MemberData(nameof(PathsAndSizes))]
    public void Reports_a_matrix_that_is_not_positive_definite(KernelPath path, int n)
    {
        double[,] a = PositiveDefinite(n, new Random(n));
        int stride = UpperCholesky.Stride(n);
        var u = new double[n * stride];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                u[(i * stride) + j] = a[i, j];
            }
        }

        // The last pivot: A minus a large multiple of the last unit vector's outer product.
        u[((n - 1) * stride) + n - 1] = -1;
        UpperCholesky.Factor(path, u, n, stride).Should().BeFalse();
        u[0] = double.NaN;
        UpperCholesky.Factor(path, u, n, stride).Should().BeFalse();
    }

    /// <summary>MᵀM + I for a random M: symmetric, eigenvalues at least 1.</summary>
    private static double[,] PositiveDefinite(int n, Random random)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = random.NextDouble() - 0.5;
            }
        }

        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = i == j ? 1 : 0;
                for (int t = 0; t < n; t++)
                {
                    sum += m[t, i] * m[t, j];
                }

                a[i, j] = sum;
            }
        }

        return a;
    }
}
