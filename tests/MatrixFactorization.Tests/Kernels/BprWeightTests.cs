using System.Runtime.Intrinsics;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

/// <summary>The BPR step's weight w = σ(−x) and the inline exponential it is computed with.</summary>
public class BprWeightTests
{
    [Fact]
    public void The_weight_is_the_logistic_of_minus_x_to_a_few_ulp_within_the_limit()
    {
        double worst = 0;
        for (int k = -160_000; k <= 160_000; k++)
        {
            float x = k * 0.0005f;
            double expected = 1 / (1 + Math.Exp(x));
            double error = Math.Abs(BprStepKernel.Weight(x) - expected) / expected;
            worst = Math.Max(worst, error);
        }

        // Four units of float rounding: the exponential's two and the addition's and division's.
        worst.Should().BeLessThan(4 * Math.Pow(2, -23));
    }

    [Fact]
    public void The_exponential_is_within_two_ulp_wherever_the_weight_uses_it()
    {
        double worst = 0;
        for (int k = -800_000; k <= 800_000; k++)
        {
            float x = k * 0.0001f;
            double expected = Math.Exp(x);
            worst = Math.Max(worst, Math.Abs(BprStepKernel.Exp(x) - expected) / expected);
        }

        worst.Should().BeLessThan(2 * Math.Pow(2, -23));
    }

    [Fact]
    public void Weights_at_the_extremes_are_finite_and_NaN_stays_NaN()
    {
        BprStepKernel.Weight(0f).Should().Be(0.5f);
        BprStepKernel.Weight(float.NegativeInfinity).Should().Be(1f);
        BprStepKernel.Weight(-1000f).Should().Be(1f);
        float tiny = BprStepKernel.Weight(float.PositiveInfinity);
        tiny.Should().BePositive().And.BeLessThan(2e-35f);
        BprStepKernel.Weight(1000f).Should().Be(tiny);
        float.IsNaN(BprStepKernel.Weight(float.NaN)).Should().BeTrue();
    }

    [Fact]
    public void Eight_weights_at_once_are_the_bits_of_the_single_weight_and_the_logistic_to_a_few_ulp()
    {
        var rng = new Random(3);
        float[] special = [0f, -0f, 80f, -80f, 80.5f, -80.5f, 1000f, -1000f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 1e-30f, -1e-30f, 88.7f];
        var values = special.Concat(Enumerable.Range(0, 40_000).Select(_ => (float)((rng.NextDouble() - 0.5) * 200))).ToArray();
        for (int start = 0; start + 8 <= values.Length; start += 8)
        {
            var x = Vector256.Create(values.AsSpan(start, 8));
            Vector256<float> weights = BprStepKernel.Weights(x);
            for (int lane = 0; lane < 8; lane++)
            {
                float v = values[start + lane];
                BitConverter.SingleToInt32Bits(weights[lane]).Should().Be(BitConverter.SingleToInt32Bits(BprStepKernel.Weight(v)), $"x = {v}");
                if (Math.Abs(v) <= BprStepKernel.WeightLimit)
                {
                    double expected = 1 / (1 + Math.Exp(v));
                    (Math.Abs(weights[lane] - expected) / expected).Should().BeLessThan(1e-6, $"x = {v}");
                }
            }
        }
    }
}
