using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class GatheredRowsTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Adds_the_weighted_gathered_rows_to_the_result(KernelPath path)
    {
        foreach (int columns in DotTests.PaddedColumns)
        {
            foreach (int count in new[] { 0, 1, 3, 4, 7, 40 })
            {
                var matrix = new FactorMatrix(50, columns);
                for (int r = 0; r < matrix.Rows; r++)
                {
                    TestVectors.Uniform(columns, seed: (r * 1000) + columns).CopyTo(matrix.Row(r));
                }

                var random = new Random(columns + count);
                int[] rows = Enumerable.Range(0, count).Select(_ => random.Next(matrix.Rows)).ToArray();
                float[] weights = TestVectors.Uniform(count, seed: count, min: -2f, max: 2f);
                var result = new FactorMatrix(1, columns);
                TestVectors.Uniform(columns, seed: 7 + columns).CopyTo(result.Row(0));
                float[] before = result.GetRow(0).ToArray();

                FactorKernels.AddWeightedRowsPadded(path, ref matrix.RowReference(0), matrix.Stride, rows, weights, ref result.RowReference(0));

                for (int f = 0; f < columns; f++)
                {
                    double expected = before[f], scale = Math.Abs(before[f]);
                    for (int j = 0; j < count; j++)
                    {
                        expected += (double)weights[j] * matrix.GetRow(rows[j])[f];
                        scale += Math.Abs((double)weights[j] * matrix.GetRow(rows[j])[f]);
                    }

                    Tolerance.Close(result.GetRow(0)[f], expected, scale, Tolerance.Summation(count + 1), $"{path} columns={columns} count={count}", f);
                }

                result.PaddedRow(0)[columns..].ToArray().All(v => v == 0f).Should().BeTrue("padding stays zero");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Dots_of_gathered_rows_match_the_oracle(KernelPath path)
    {
        foreach (int columns in DotTests.PaddedColumns)
        {
            foreach (int count in new[] { 0, 1, 3, 4, 5, 8, 41 })
            {
                var matrix = new FactorMatrix(30, columns);
                for (int r = 0; r < matrix.Rows; r++)
                {
                    TestVectors.Uniform(columns, seed: (r * 977) + columns).CopyTo(matrix.Row(r));
                }

                var random = new Random(columns * count);
                int[] rows = Enumerable.Range(0, count).Select(_ => random.Next(matrix.Rows)).ToArray();
                var v = new FactorMatrix(1, columns);
                TestVectors.Uniform(columns, seed: 3 + columns).CopyTo(v.Row(0));
                var dots = new float[count];

                FactorKernels.DotRowsPadded(path, ref matrix.RowReference(0), matrix.Stride, rows, ref v.RowReference(0), dots);

                for (int j = 0; j < count; j++)
                {
                    (double expected, double scale) = Oracle.Dot(matrix.GetRow(rows[j]), v.GetRow(0));
                    Tolerance.Close(dots[j], expected, scale, Tolerance.Summation(columns), $"{path} columns={columns} count={count}", j);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Padded_axpy_matches_the_oracle(KernelPath path)
    {
        foreach (int columns in DotTests.PaddedColumns)
        {
            var matrix = new FactorMatrix(2, columns);
            TestVectors.Uniform(columns, seed: columns).CopyTo(matrix.Row(0));
            TestVectors.Uniform(columns, seed: 300 + columns).CopyTo(matrix.Row(1));
            float[] y = matrix.GetRow(1).ToArray();
            const float A = -0.75f;

            FactorKernels.AxpyPadded(path, A, ref matrix.RowReference(0), ref matrix.RowReference(1), matrix.Stride);

            for (int f = 0; f < columns; f++)
            {
                double expected = y[f] + ((double)A * matrix.GetRow(0)[f]);
                Tolerance.Close(matrix.GetRow(1)[f], expected, Math.Abs(y[f]) + Math.Abs(A * matrix.GetRow(0)[f]), Tolerance.Elementwise, $"{path} columns={columns}", f);
            }

            matrix.PaddedRow(1)[columns..].ToArray().All(v => v == 0f).Should().BeTrue("padding stays zero");
        }
    }
}
