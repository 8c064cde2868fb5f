using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class CosineTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Both_overloads_match_the_oracle_for_every_column_count(KernelPath path)
    {
        for (int columns = 1; columns <= KernelPaths.MaxLength; columns++)
        {
            FactorMatrix rows = ScoreAllTests.RandomMatrix(5, columns, seed: columns);
            float[] x = TestVectors.Uniform(columns, seed: 9000 + columns);
            float[] computed = new float[5], precomputed = new float[5], norms = new float[5];

            FactorKernels.CosineSimilarityAll(path, x, rows, computed);
            FactorKernels.RowNorms(path, rows, norms);
            FactorKernels.CosineSimilarityAll(path, x, rows, norms, precomputed);

            for (int r = 0; r < rows.Rows; r++)
            {
                double rowNorm = Oracle.Norm(rows.Row(r));
                Tolerance.Close(norms[r], rowNorm, rowNorm, Tolerance.Summation(columns), $"{path} columns={columns} norm", r);

                (double expected, double scale) = Similarity(x, rows.Row(r));
                Tolerance.Close(computed[r], expected, scale, Tolerance.Summation(columns), $"{path} columns={columns} computed", r);
                Tolerance.Close(precomputed[r], expected, scale, Tolerance.Summation(columns), $"{path} columns={columns} precomputed", r);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Zero_norms_give_zero_and_NaN_propagates(KernelPath path)
    {
        FactorMatrix rows = ScoreAllTests.RandomMatrix(5, 21, seed: 4);
        rows.Row(1).Clear();
        rows.Row(3)[20] = float.NaN;
        float[] x = TestVectors.Uniform(21, seed: 5);
        float[] similarities = new float[5];

        FactorKernels.CosineSimilarityAll(path, x, rows, similarities);

        similarities[1].Should().Be(0f);
        float.IsNaN(similarities[3]).Should().BeTrue();
        similarities.Where((_, i) => i is not 1 and not 3).Should().OnlyContain(s => s >= -1.0001f && s <= 1.0001f);

        FactorKernels.CosineSimilarityAll(path, new float[21], rows, similarities);
        similarities.Where((_, i) => i != 3).Should().OnlyContain(s => s == 0f, "a zero query is dissimilar to every row");
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void A_row_is_most_similar_to_itself(KernelPath path)
    {
        FactorMatrix rows = ScoreAllTests.RandomMatrix(6, 48, seed: 8);
        float[] similarities = new float[6];

        FactorKernels.CosineSimilarityAll(path, rows.Row(4), rows, similarities);

        similarities[4].Should().BeApproximately(1f, 1e-6f);
        Array.IndexOf(similarities, similarities.Max()).Should().Be(4);
    }

    [Fact]
    public void Wrong_lengths_throw()
    {
        var rows = new FactorMatrix(3, 8);
        FluentActions.Invoking(() => FactorKernels.CosineSimilarityAll(new float[7], rows, new float[3]))
            .Should().Throw<ArgumentException>().WithParameterName("x");
        FluentActions.Invoking(() => FactorKernels.CosineSimilarityAll(new float[8], rows, new float[2]))
            .Should().Throw<ArgumentException>().WithParameterName("similarities");
        FluentActions.Invoking(() => FactorKernels.CosineSimilarityAll(new float[8], rows, new float[2], new float[3]))
            .Should().Throw<ArgumentException>().WithParameterName("rowNorms");
        FluentActions.Invoking(() => FactorKernels.RowNorms(rows, new float[4]))
            .Should().Throw<ArgumentException>().WithParameterName("norms");
    }

    /// <summary>The exact similarity, and a scale such that float error stays within the summation bound times it.</summary>
    private static (double Value, double Scale) Similarity(ReadOnlySpan<float> x, ReadOnlySpan<float> row)
    {
        (double dot, double absolute) = Oracle.Dot(x, row);
        double norms = Oracle.Norm(x) * Oracle.Norm(row);

        // Errors in the dot product scale with Σ|xᵢrᵢ|, errors in the norms with the result itself.
        return (dot / norms, (absolute / norms) + (4 * Math.Abs(dot / norms)));
    }
}
