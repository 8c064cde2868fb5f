using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class DoubleGemmTests
{
    /// <summary>Double rounding: a sum of d products in any order, with FMA or not, is within
    /// 2(d + 4)·2⁻⁵³ of the exact value, relative to the sum of the products' magnitudes.</summary>
    private static double Bound(int depth) => 2.0 * (depth + 4) * Math.ScaleB(1, -53);

    public static TheoryData<KernelPath, bool, bool> PathsAndTranspositions()
    {
        var data = new TheoryData<KernelPath, bool, bool>();
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            foreach (bool ta in new[] { false, true })
            {
                foreach (bool tb in new[] { false, true })
                {
                    data.Add(path, ta, tb);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PathsAndTranspositions))]
    public void Adds_alpha_times_the_product_to_C_for_any_shape_and_transposition(KernelPath path, bool transposeA, bool transposeB)
    {
        // Sizes off every block and tile boundary, a depth past one depth slice (256), and C inside
        // a larger array with its own stride, so offsets and strides are exercised too.
        foreach ((int m, int n, int depth) in new[] { (1, 1, 1), (7, 5, 3), (103, 37, 300), (200, 1030, 9) })
        {
            double[,] a = Random(transposeA ? depth : m, transposeA ? m : depth, seed: m + n);
            double[,] b = Random(transposeB ? n : depth, transposeB ? depth : n, seed: depth + 7);
            double[,] c0 = Random(m, n, seed: 99);
            var cData = new double[((m + 2) * (n + 3)) + 1];
            var c = new DoubleBlock(cData, (n + 3) + 1, m, n, n + 3);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    c[i, j] = c0[i, j];
                }
            }

            DoubleGemm.MultiplyAdd(path, -0.75, Block(a), transposeA, Block(b), transposeB, c, lowerOnly: false, threads: 2);

            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0, magnitude = 0;
                    for (int t = 0; t < depth; t++)
                    {
                        double product = (transposeA ? a[t, i] : a[i, t]) * (transposeB ? b[j, t] : b[t, j]);
                        sum += product;
                        magnitude += Math.Abs(product);
                    }

                    double expected = c0[i, j] - (0.75 * sum);
                    Math.Abs(c[i, j] - expected).Should().BeLessThanOrEqualTo(Bound(depth + 1) * (Math.Abs(c0[i, j]) + magnitude), $"{path} {m}×{n}×{depth} ({i}, {j})");
                }
            }

            // Nothing outside C's rows and columns was written: the padding keeps its zeros.
            for (int k = 0; k < cData.Length; k++)
            {
                int row = (k - (n + 4)) / (n + 3), column = (k - (n + 4)) % (n + 3);
                if (k < n + 4 || row >= m || column >= n)
                {
                    cData[k].Should().Be(0, $"element {k} lies outside C");
                }
            }
        }
    }

    [Fact]
    public void A_lower_only_product_computes_the_lower_triangle_and_leaves_tiles_above_it_alone()
    {
        const int N = 230, Depth = 40;
        double[,] a = Random(N, Depth, seed: 1);
        var c = new double[N * N];
        Array.Fill(c, 5.0);
        DoubleGemm.MultiplyAdd(1, Block(a), false, Block(a), true, DoubleBlock.Square(c, N), lowerOnly: true, threads: 2);
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = 5;
                for (int t = 0; t < Depth; t++)
                {
                    sum += a[i, t] * a[j, t];
                }

                c[(i * N) + j].Should().BeApproximately(sum, Bound(Depth + 1) * (Depth + 5) * 4);
            }
        }

        // The top-right corner is far above the diagonal, beyond any tile that touches it.
        c[N - 1].Should().Be(5.0);
    }

    [Fact]
    public void The_result_is_bit_identical_for_one_two_and_three_threads()
    {
        double[,] a = Random(300, 270, seed: 4);
        double[,] b = Random(270, 1100, seed: 5);
        double[] Run(int threads)
        {
            var c = new double[300 * 1100];
            DoubleGemm.MultiplyAdd(1, Block(a), false, Block(b), false, new DoubleBlock(c, 0, 300, 1100, 1100), lowerOnly: false, threads);
            return c;
        }

        double[] one = Run(1);
        Run(2).Should().Equal(one);
        Run(3).Should().Equal(one);
    }

    private static double[,] Random(int rows, int columns, int seed)
    {
        var rng = new Random(seed);
        var matrix = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                matrix[i, j] = (rng.NextDouble() * 2) - 1;
            }
        }

        return matrix;
    }

    private static DoubleBlock Block(double[,] matrix)
    {
        int rows = matrix.GetLength(0), columns = matrix.GetLength(1);
        var data = new double[rows * columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                data[(i * columns) + j] = matrix[i, j];
            }
        }

        return new DoubleBlock(data, 0, rows, columns, columns);
    }
}
