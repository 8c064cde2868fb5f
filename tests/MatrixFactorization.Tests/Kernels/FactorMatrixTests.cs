using System.Runtime.CompilerServices;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class FactorMatrixTests
{
    [Theory]
    [InlineData(3, 1, 16)]
    [InlineData(2, 16, 16)]
    [InlineData(5, 17, 32)]
    [InlineData(1, 100, 112)]
    [InlineData(0, 64, 64)]
    public void Rows_are_padded_to_whole_512_bit_vectors(int rows, int columns, int stride)
    {
        var matrix = new FactorMatrix(rows, columns);

        matrix.Rows.Should().Be(rows);
        matrix.Columns.Should().Be(columns);
        matrix.Stride.Should().Be(stride);
        for (int r = 0; r < rows; r++)
        {
            matrix.Row(r).Length.Should().Be(columns);
            matrix.PaddedRow(r).Length.Should().Be(stride);
        }
    }

    [Fact]
    public void Every_row_starts_on_a_64_byte_boundary()
    {
        // Several allocations so the check does not pass by the luck of one array's address.
        for (int columns = 1; columns <= 40; columns++)
        {
            var matrix = new FactorMatrix(4, columns);
            for (int r = 0; r < matrix.Rows; r++)
            {
                AddressOf(ref matrix.RowReference(r)).Should().Be(AddressOf(ref matrix.Row(r)[0]));
                (AddressOf(ref matrix.Row(r)[0]) % 64).Should().Be(0, $"columns={columns} row {r}");
            }
        }
    }

    [Fact]
    public void New_matrices_are_zero_and_rows_do_not_overlap()
    {
        var matrix = new FactorMatrix(3, 5);
        matrix.PaddedStorage.ToArray().Should().OnlyContain(v => v == 0f);

        matrix.Row(1).Fill(7f);

        matrix.Row(0).ToArray().Should().OnlyContain(v => v == 0f);
        matrix.Row(2).ToArray().Should().OnlyContain(v => v == 0f);
        Padding.AssertZero(matrix, "after Fill");
    }

    [Fact]
    public void Large_matrices_are_zero_and_aligned_too()
    {
        // 40,000 × 60 padded to 64 floats is 10 MB: allocated uncleared, advised huge pages, then
        // cleared. Memory the runtime reuses from earlier allocations must come back zero as well,
        // so the matrix is built twice with garbage left in between.
        for (int round = 0; round < 2; round++)
        {
            var matrix = new FactorMatrix(40_000, 60);
            matrix.PaddedStorage.IndexOfAnyExcept(0f).Should().Be(-1);
            (matrix.Stride * matrix.Rows).Should().Be(64 * 40_000);
            unsafe
            {
                ((nuint)Unsafe.AsPointer(ref matrix.RowReference(0)) % 64).Should().Be(0);
            }

            matrix.PaddedStorage.Fill(3f);
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Public_updates_on_rows_leave_the_padding_zero(KernelPath path)
    {
        foreach (int columns in DotTests.PaddedColumns)
        {
            FactorMatrix a = ScoreAllTests.RandomMatrix(2, columns, seed: columns);
            FactorMatrix b = ScoreAllTests.RandomMatrix(2, columns, seed: columns + 1);

            FactorKernels.SgdStep(path, a.Row(0), b.Row(1), float.NaN, 0.1f, 0.1f, 0.1f);
            float ga = 1f, gb = 1f;
            FactorKernels.AdaGradUpdate(path, a.Row(1), b.Row(0), ref ga, ref gb, 1e30f, 0f, 0.1f, 0.1f, 0.1f);
            FactorKernels.Axpy(path, float.PositiveInfinity, a.Row(1), b.Row(0));
            FactorKernels.Scale(path, a.Row(1), float.NaN);
            FactorKernels.AdamStep(path, b.Row(1), a.Row(0), b.Row(0), a.Row(1), 0.1f, 0.9f, 0.99f, 1e-8f, 0.01f, 1);

            Padding.AssertZero(a, $"{path} columns={columns}");
            Padding.AssertZero(b, $"{path} columns={columns}");
        }
    }

    [Fact]
    public void Invalid_dimensions_and_rows_throw()
    {
        FluentActions.Invoking(() => new FactorMatrix(-1, 4)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new FactorMatrix(4, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new FactorMatrix(int.MaxValue, 16)).Should().Throw<ArgumentOutOfRangeException>();

        var matrix = new FactorMatrix(2, 3);
        FluentActions.Invoking(() => matrix.Row(2)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => matrix.Row(-1)).Should().Throw<ArgumentOutOfRangeException>();
    }

    private static unsafe nuint AddressOf(ref float value) => (nuint)Unsafe.AsPointer(ref value);
}
