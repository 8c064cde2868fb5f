using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class SymmetricInverseTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(97)]
    [InlineData(333)]
    public void Matches_a_Gauss_Jordan_inverse_and_is_exactly_symmetric(int n)
    {
        double[] m = Spd(n, seed: n);
        double[] expected = GaussJordan(m, n);
        double[] inverse = (double[])m.Clone();

        SymmetricInverse.Invert(DoubleBlock.Square(inverse, n), threads: 2);

        // The matrix is λI + a Gram matrix with λ = 2 and eigenvalues up to about 80, so its
        // condition number is below 50: both inverses are within a few thousand units of double
        // rounding of the exact one; 1e-11 relative to the largest entry leaves room to spare.
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inverse[(i * n) + j].Should().BeApproximately(expected[(i * n) + j], 1e-11 * scale, $"({i}, {j}) of {n}");
                inverse[(i * n) + j].Should().Be(inverse[(j * n) + i]);
            }
        }
    }

    [Fact]
    public void The_inverse_is_bit_identical_for_one_two_and_three_threads()
    {
        const int N = 400;
        double[] m = Spd(N, seed: 8);
        double[] Run(int threads)
        {
            double[] copy = (double[])m.Clone();
            SymmetricInverse.Invert(DoubleBlock.Square(copy, N), threads);
            return copy;
        }

        double[] one = Run(1);
        Run(2).Should().Equal(one);
        Run(3).Should().Equal(one);
    }

    [Fact]
    public void A_matrix_that_is_not_positive_definite_is_refused()
    {
        double[] m = [1, 2, 2, 1]; // eigenvalues 3 and −1
        Action invert = () => SymmetricInverse.Invert(DoubleBlock.Square(m, 2), threads: 1);
        invert.Should().Throw<ArithmeticException>();
    }

    /// <summary>2I + AᵀA for a random 0/1 matrix A with 40 rows: symmetric positive definite, like an EASE Gram matrix.</summary>
    private static double[] Spd(int n, int seed)
    {
        var rng = new Random(seed);
        var m = new double[n * n];
        for (int row = 0; row < 40; row++)
        {
            int[] ones = Enumerable.Range(0, n).Where(_ => rng.NextDouble() < 0.2).ToArray();
            foreach (int i in ones)
            {
                foreach (int j in ones)
                {
                    m[(i * n) + j] += 1;
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            m[(i * n) + i] += 2;
        }

        return m;
    }

    /// <summary>The textbook inverse: Gauss-Jordan elimination on [M | I] with partial pivoting.</summary>
    internal static double[] GaussJordan(double[] m, int n)
    {
        var a = (double[])m.Clone();
        var inverse = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            inverse[(i * n) + i] = 1;
        }

        for (int column = 0; column < n; column++)
        {
            int pivot = column;
            for (int r = column + 1; r < n; r++)
            {
                if (Math.Abs(a[(r * n) + column]) > Math.Abs(a[(pivot * n) + column]))
                {
                    pivot = r;
                }
            }

            for (int k = 0; k < n; k++)
            {
                (a[(column * n) + k], a[(pivot * n) + k]) = (a[(pivot * n) + k], a[(column * n) + k]);
                (inverse[(column * n) + k], inverse[(pivot * n) + k]) = (inverse[(pivot * n) + k], inverse[(column * n) + k]);
            }

            double diagonal = a[(column * n) + column];
            for (int k = 0; k < n; k++)
            {
                a[(column * n) + k] /= diagonal;
                inverse[(column * n) + k] /= diagonal;
            }

            for (int r = 0; r < n; r++)
            {
                double factor = a[(r * n) + column];
                if (r == column || factor == 0)
                {
                    continue;
                }

                for (int k = 0; k < n; k++)
                {
                    a[(r * n) + k] -= factor * a[(column * n) + k];
                    inverse[(r * n) + k] -= factor * inverse[(column * n) + k];
                }
            }
        }

        return inverse;
    }
}
