using MatrixFactorization.Foundation;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class FactorInitializationTests
{
    // 2,500 rows span three chunks of the parallel fill; 7 columns make every row odd-length.
    private const int Rows = 2500;
    private const int Columns = 7;

    [Theory]
    [InlineData(FactorDistribution.Normal)]
    [InlineData(FactorDistribution.Uniform)]
    public void The_initial_factors_are_the_same_whatever_the_number_of_threads(FactorDistribution distribution)
    {
        FactorInitialization init = distribution == FactorDistribution.Normal
            ? FactorInitialization.Normal(0.1f, 0.5f)
            : FactorInitialization.Uniform(-0.2f, 0.3f);
        float[] one = Fill(init, threads: 1);
        foreach (int threads in new[] { 2, 3, 4 })
        {
            Fill(init, threads).Should().Equal(one, $"{threads} threads fill the same values as one");
        }
    }

    [Fact]
    public void Uniform_factors_are_the_generator_draws_in_row_order()
    {
        float[] filled = Fill(FactorInitialization.Uniform(-0.2f, 0.3f), threads: 3);

        SplitMix64 rng = Generator();
        var expected = new float[Rows * Columns];
        for (int k = 0; k < expected.Length; k++)
        {
            expected[k] = -0.2f + (0.5f * rng.NextSingle());
        }

        filled.Should().Equal(expected);
    }

    [Fact]
    public void Normal_factors_have_the_requested_mean_and_standard_deviation()
    {
        float[] filled = Fill(FactorInitialization.Normal(0.1f, 0.5f), threads: 2);

        double mean = filled.Average(v => (double)v);
        double sd = Math.Sqrt(filled.Average(v => (v - mean) * (v - mean)));

        // 17,500 draws: the standard error of the mean is 0.1 / √17,500 ≈ 0.00076.
        mean.Should().BeApproximately(0.5, 0.004);
        sd.Should().BeApproximately(0.1, 0.003);
        filled.Should().OnlyContain(v => float.IsFinite(v) && Math.Abs(v - 0.5f) < 0.6f);
    }

    private static SplitMix64 Generator() => SplitMix64.For(11, 3, 0x1417);

    private static float[] Fill(FactorInitialization init, int threads)
    {
        var matrix = new FactorMatrix(Rows, Columns);
        init.Fill(matrix, init.A, Generator(), threads);
        var values = new float[Rows * Columns];
        for (int r = 0; r < Rows; r++)
        {
            matrix.Row(r).CopyTo(values.AsSpan(r * Columns));
        }

        return values;
    }
}
