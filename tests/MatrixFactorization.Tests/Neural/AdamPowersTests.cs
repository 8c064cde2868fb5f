using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

public sealed class AdamPowersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(101)]
    [InlineData(5000)]
    public void Tabulated_or_not_a_step_gets_the_coefficients_computed_from_its_powers(int step)
    {
        var powers = new AdamPowers(0.9f, 0.999f, steps: 100);
        AdamCoefficients c = powers.Coefficients(step, 0.003f, 1e-8f, 0.05f);

        double correction1 = 1.0 - Math.Pow(0.9f, step);
        double correction2 = 1.0 - Math.Pow(0.999f, step);
        c.StepSize.Should().Be((float)(0.003f / correction1));
        c.InverseSqrtBiasCorrection2.Should().Be((float)(1.0 / Math.Sqrt(correction2)));
        c.Decay.Should().Be(1f - (0.003f * 0.05f));
        c.Should().Be(AdamCoefficients.Create(0.003f, 0.9f, 0.999f, 1e-8f, 0.05f, step));
    }
}
