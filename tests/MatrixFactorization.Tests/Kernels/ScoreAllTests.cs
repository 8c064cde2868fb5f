using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class ScoreAllTests
{
    // Five rows cover a block of four plus a leftover row.
    private const int RowCount = 5;

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_the_oracle_for_every_column_count(KernelPath path)
    {
        for (int columns = 1; columns <= KernelPaths.MaxLength; columns++)
        {
            FactorMatrix items = RandomMatrix(RowCount, columns, seed: columns);
            float[] p = TestVectors.Uniform(columns, seed: 5000 + columns);
            float[] scores = new float[RowCount];

            FactorKernels.ScoreAll(path, p, items, scores);

            AssertScores(p, items, scores, $"{path} columns={columns}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Handles_every_row_count_remainder_and_rows_longer_than_the_stack_buffer(KernelPath path)
    {
        foreach (int columns in new[] { 16, 100, 1100 })
        {
            for (int rows = 0; rows <= 9; rows++)
            {
                FactorMatrix items = RandomMatrix(rows, columns, seed: rows);
                float[] p = TestVectors.Uniform(columns, seed: 77);
                float[] scores = new float[rows];

                FactorKernels.ScoreAll(path, p, items, scores);

                AssertScores(p, items, scores, $"{path} columns={columns} rows={rows}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void NaN_in_a_row_affects_only_its_score_and_NaN_in_p_affects_all(KernelPath path)
    {
        FactorMatrix items = RandomMatrix(9, 37, seed: 1);
        items.Row(6)[36] = float.NaN;
        float[] p = TestVectors.Uniform(37, seed: 2);
        float[] scores = new float[9];

        FactorKernels.ScoreAll(path, p, items, scores);

        for (int i = 0; i < scores.Length; i++)
        {
            float.IsNaN(scores[i]).Should().Be(i == 6, $"{path} row {i}");
        }

        p[0] = float.NaN;
        FactorKernels.ScoreAll(path, p, items, scores);
        scores.Should().OnlyContain(s => float.IsNaN(s));
    }

    [Fact]
    public void Public_entry_point_scores_a_row_of_the_same_matrix()
    {
        FactorMatrix items = RandomMatrix(7, 40, seed: 3);
        float[] scores = new float[7];

        FactorKernels.ScoreAll(items.Row(2), items, scores);

        AssertScores(items.Row(2).ToArray(), items, scores, "ScoreAll");
    }

    [Fact]
    public void Wrong_lengths_throw()
    {
        var items = new FactorMatrix(3, 8);
        FluentActions.Invoking(() => FactorKernels.ScoreAll(new float[7], items, new float[3]))
            .Should().Throw<ArgumentException>().WithParameterName("p");
        FluentActions.Invoking(() => FactorKernels.ScoreAll(new float[8], items, new float[4]))
            .Should().Throw<ArgumentException>().WithParameterName("scores");
        FluentActions.Invoking(() => FactorKernels.ScoreAll(new float[8], null!, new float[3]))
            .Should().Throw<ArgumentNullException>();
    }

    internal static FactorMatrix RandomMatrix(int rows, int columns, int seed)
    {
        var matrix = new FactorMatrix(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            TestVectors.Uniform(columns, seed: (seed * 1000) + r).CopyTo(matrix.Row(r));
        }

        return matrix;
    }

    private static void AssertScores(float[] p, FactorMatrix items, float[] scores, string what)
    {
        for (int r = 0; r < items.Rows; r++)
        {
            (double expected, double scale) = Oracle.Dot(p, items.Row(r));
            Tolerance.Close(scores[r], expected, scale, Tolerance.Summation(items.Columns), what, r);
        }
    }
}
