using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class AxpyTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_the_oracle_for_every_length(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            float[] x = TestVectors.Uniform(n, seed: n);
            float[] y = TestVectors.Uniform(n, seed: 1000 + n);
            float[] yOld = (float[])y.Clone();
            float a = -1.7f + (n * 0.01f);

            FactorKernels.Axpy(path, a, x, y);

            for (int i = 0; i < n; i++)
            {
                double expected = yOld[i] + ((double)a * x[i]);
                Tolerance.Close(y[i], expected, Math.Abs(yOld[i]) + Math.Abs((double)a * x[i]), Tolerance.Elementwise, $"{path} n={n}", i);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Same_span_for_x_and_y_adds_a_multiple_of_the_old_values(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            float[] y = TestVectors.Uniform(n, seed: n);
            float[] old = (float[])y.Clone();

            FactorKernels.Axpy(path, 0.5f, y, y);

            for (int i = 0; i < n; i++)
            {
                Tolerance.Close(y[i], old[i] * 1.5, Math.Abs(old[i]) * 1.5, Tolerance.Elementwise, $"{path} n={n}", i);
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
                float[] x = TestVectors.Uniform(n, seed: n);
                float[] y = TestVectors.Uniform(n, seed: n + 1);
                x[position] = float.NaN;
                y[(position + 1) % n] = float.NegativeInfinity;

                FactorKernels.Axpy(path, 2f, x, y);

                for (int i = 0; i < n; i++)
                {
                    bool nan = i == position;
                    bool infinite = !nan && i == (position + 1) % n;
                    Tolerance.True(float.IsNaN(y[i]) == nan, $"{path} n={n} NaN", i);
                    Tolerance.True(float.IsNegativeInfinity(y[i]) == infinite, $"{path} n={n} -∞", i);
                }
            }
        }
    }

    [Fact]
    public void Public_entry_point_and_length_check()
    {
        float[] y = [1f, 2f, 3f];
        FactorKernels.Axpy(2f, [1f, 1f, 1f], y);
        y.Should().Equal(3f, 4f, 5f);

        FluentActions.Invoking(() => FactorKernels.Axpy(1f, new float[3], new float[2]))
            .Should().Throw<ArgumentException>().WithParameterName("y");
    }
}
