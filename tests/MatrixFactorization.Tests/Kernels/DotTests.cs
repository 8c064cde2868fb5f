using System.Numerics.Tensors;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class DotTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_the_double_oracle_and_TensorPrimitives_for_every_length(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            float[] x = TestVectors.Uniform(n, seed: n);
            float[] y = TestVectors.Uniform(n, seed: 1000 + n);
            (double expected, double scale) = Oracle.Dot(x, y);

            float actual = FactorKernels.Dot(path, x, y);

            Tolerance.Close(actual, expected, scale, Tolerance.Summation(n), $"{path} n={n} vs oracle");

            // Both are within the summation bound of the exact value, so of each other within twice it.
            Tolerance.Close(actual, TensorPrimitives.Dot(x, y), scale, 2 * Tolerance.Summation(n), $"{path} n={n} vs TensorPrimitives");
        }
    }

    [Fact]
    public void Public_entry_point_uses_a_supported_path_and_agrees_with_the_oracle()
    {
        float[] x = TestVectors.Uniform(100, seed: 1);
        float[] y = TestVectors.Uniform(100, seed: 2);
        (double expected, double scale) = Oracle.Dot(x, y);

        Tolerance.Close(FactorKernels.Dot(x, y), expected, scale, Tolerance.Summation(100), "Dot");
    }

    [Fact]
    public void Empty_inputs_give_zero() => FactorKernels.Dot([], []).Should().Be(0f);

    [Fact]
    public void Different_lengths_throw()
    {
        Action act = () => FactorKernels.Dot(new float[3], new float[4]);
        act.Should().Throw<ArgumentException>().WithParameterName("y");
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Padded_rows_match_the_oracle(KernelPath path)
    {
        foreach (int columns in PaddedColumns)
        {
            var matrix = new FactorMatrix(2, columns);
            TestVectors.Uniform(columns, seed: columns).CopyTo(matrix.Row(0));
            TestVectors.Uniform(columns, seed: 500 + columns).CopyTo(matrix.Row(1));
            (double expected, double scale) = Oracle.Dot(matrix.Row(0), matrix.Row(1));

            float actual = FactorKernels.DotPadded(path, ref matrix.RowReference(0), ref matrix.RowReference(1), matrix.Stride);

            Tolerance.Close(actual, expected, scale, Tolerance.Summation(columns), $"{path} columns={columns}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void NaN_anywhere_gives_NaN(KernelPath path)
    {
        foreach (int n in SpecialLengths)
        {
            for (int position = 0; position < n; position++)
            {
                float[] x = TestVectors.Uniform(n, seed: n);
                float[] y = TestVectors.Uniform(n, seed: n + 1);
                x[position] = float.NaN;

                float.IsNaN(FactorKernels.Dot(path, x, y)).Should().BeTrue($"{path} n={n} NaN at {position}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Infinity_propagates_and_opposite_infinities_give_NaN(KernelPath path)
    {
        foreach (int n in SpecialLengths)
        {
            for (int position = 0; position < n; position++)
            {
                float[] x = TestVectors.Uniform(n, seed: n, min: 0.1f, max: 1f);
                float[] y = TestVectors.Uniform(n, seed: n + 1, min: 0.1f, max: 1f);
                x[position] = float.PositiveInfinity;

                FactorKernels.Dot(path, x, y).Should().Be(float.PositiveInfinity, $"{path} n={n} ∞ at {position}");

                x[(position + 1) % n] = n > 1 ? float.NegativeInfinity : x[position];
                float.IsNaN(FactorKernels.Dot(path, x, y)).Should().Be(n > 1, $"{path} n={n} ±∞ at {position}");
            }
        }
    }

    // Lengths that exercise each width's remainder and overlapping last vector (65: four unrolled
    // 512-bit vectors plus one float), kept short because tests put a special value at every position.
    internal static readonly int[] SpecialLengths = [1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 65];

    internal static readonly int[] PaddedColumns = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 128, 200, 256, 257];
}
