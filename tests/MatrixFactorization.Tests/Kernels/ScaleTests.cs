using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class ScaleTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_the_oracle_for_every_length(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            float[] x = TestVectors.Uniform(n, seed: n);
            float[] old = (float[])x.Clone();
            float a = 0.3f - (n * 0.01f);

            FactorKernels.Scale(path, x, a);

            for (int i = 0; i < n; i++)
            {
                double expected = (double)a * old[i];

                // One rounding: the result is the correctly rounded product.
                Tolerance.True(x[i] == (float)expected, $"{path} n={n}", i);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void NaN_and_infinity_stay_in_their_lane(KernelPath path)
    {
        foreach (int n in DotTests.SpecialLengths)
        {
            for (int position = 0; position < n; position++)
            {
                float[] x = TestVectors.Uniform(n, seed: n, min: 0.5f, max: 1f);
                x[position] = float.PositiveInfinity;

                FactorKernels.Scale(path, x, -2f);

                for (int i = 0; i < n; i++)
                {
                    Tolerance.True(float.IsNegativeInfinity(x[i]) == (i == position), $"{path} n={n}", i);
                }

                FactorKernels.Scale(path, x, 0f);
                float.IsNaN(x[position]).Should().BeTrue("∞·0 is NaN");
            }
        }
    }

    [Fact]
    public void Public_entry_point_scales()
    {
        float[] x = [1f, -2f, 3f, 4f, 5f];
        FactorKernels.Scale(x, 2f);
        x.Should().Equal(2f, -4f, 6f, 8f, 10f);
    }
}
