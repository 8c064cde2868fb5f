using System.Runtime.Intrinsics;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class BprLossTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-30)]
    [InlineData(3e-12)]
    [InlineData(1e-7)]
    [InlineData(2.5e-4)]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(0.7)]
    [InlineData(1.0)]
    public void The_logarithm_of_one_plus_u_holds_to_float_precision_even_for_tiny_u(double u)
    {
        double expected = LogOnePlus(u);
        Vector256<float> lanes = BprLoss.Log1P(Vector256.Create((float)u));
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
        {
            ((double)lanes[lane]).Should().BeApproximately(expected, 3e-7 * expected, $"lane {lane}");
        }
    }

    [Fact]
    public void The_vector_loss_matches_the_loss_in_double_across_the_range_and_at_its_ends()
    {
        var rng = new Random(3);
        float[] x = new float[(2 * 512) + 8 + 5];
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = (float)((rng.NextDouble() - 0.5) * 60);
        }

        x[7] = 0f;
        x[100] = 85f;
        x[101] = -85f;
        x[200] = 17f;
        x[x.Length - 1] = -3f;
        double expected = 0;
        foreach (float value in x)
        {
            expected += Softplus(-value);
        }

        BprLoss.Sum(x).Should().BeApproximately(expected, 1e-6 * expected);
        for (int k = 0; k + Vector256<float>.Count <= x.Length; k += Vector256<float>.Count)
        {
            Vector256<float> lanes = BprLoss.Of(Vector256.Create(x.AsSpan(k, Vector256<float>.Count)));
            for (int lane = 0; lane < Vector256<float>.Count; lane++)
            {
                double exact = Softplus(-x[k + lane]);
                ((double)lanes[lane]).Should().BeApproximately(exact, (3e-7 * exact) + 2e-35, $"x = {x[k + lane]}");
            }
        }
    }

    [Fact]
    public void A_triple_without_a_negative_adds_nothing_and_a_diverged_one_shows()
    {
        float[] x = new float[(2 * 512) + 3];
        Array.Fill(x, float.PositiveInfinity);
        BprLoss.Sum(x).Should().Be(0);
        x[600] = float.NaN;
        double.IsNaN(BprLoss.Sum(x)).Should().BeTrue();
        x[600] = float.PositiveInfinity;
        x[x.Length - 1] = float.NaN;
        double.IsNaN(BprLoss.Sum(x)).Should().BeTrue();
    }

    // ln(1 + e^z) in double, without overflow: z + ln(1 + e^-z) for large z.
    private static double Softplus(double z) => z > 0 ? z + LogOnePlus(Math.Exp(-z)) : LogOnePlus(Math.Exp(z));

    // ln(1 + u) in double: by its series where 1 + u would lose u's digits, otherwise directly.
    private static double LogOnePlus(double u) => u < 1e-4 ? u - (u * u / 2) + (u * u * u / 3) : Math.Log(1 + u);
}
