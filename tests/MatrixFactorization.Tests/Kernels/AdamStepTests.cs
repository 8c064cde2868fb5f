using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class AdamStepTests
{
    private const float LearningRate = 0.01f;
    private const float Beta1 = 0.9f;
    private const float Beta2 = 0.999f;
    private const float Epsilon = 1e-8f;
    private const float WeightDecay = 0.01f;

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_the_oracle_for_every_length(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            var state = State.Random(n, seed: n);
            State old = state.Copy();
            int step = 1 + (n % 7);

            FactorKernels.AdamStep(path, state.Theta, state.Gradient, state.M, state.V, LearningRate, Beta1, Beta2, Epsilon, WeightDecay, step);

            AssertStep(old, state, step, $"{path} n={n}");
        }
    }

    [Fact]
    public void Public_entry_point_matches_the_oracle_over_several_steps()
    {
        var state = State.Random(100, seed: 3);
        Array.Clear(state.M);
        Array.Clear(state.V);
        for (int step = 1; step <= 5; step++)
        {
            State old = state.Copy();
            FactorKernels.AdamStep(state.Theta, state.Gradient, state.M, state.V, LearningRate, Beta1, Beta2, Epsilon, WeightDecay, step);
            AssertStep(old, state, step, $"step {step}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void NaN_and_infinity_in_a_gradient_propagate_as_the_formula_says(KernelPath path)
    {
        foreach (int n in DotTests.SpecialLengths)
        {
            for (int position = 0; position < n; position++)
            {
                foreach (float special in new[] { float.NaN, float.PositiveInfinity })
                {
                    var state = State.Random(n, seed: n);
                    state.Gradient[position] = special;
                    State old = state.Copy();

                    FactorKernels.AdamStep(path, state.Theta, state.Gradient, state.M, state.V, LearningRate, Beta1, Beta2, Epsilon, WeightDecay, 3);

                    AssertStep(old, state, 3, $"{path} n={n} {special} at g[{position}]");
                }
            }
        }
    }

    [Fact]
    public void Invalid_arguments_throw()
    {
        float[] four = new float[4], five = new float[5];
        FluentActions.Invoking(() => FactorKernels.AdamStep(four, five, four, four, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1))
            .Should().Throw<ArgumentException>().WithParameterName("gradients");
        FluentActions.Invoking(() => FactorKernels.AdamStep(four, four, five, four, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1))
            .Should().Throw<ArgumentException>().WithParameterName("m");
        FluentActions.Invoking(() => FactorKernels.AdamStep(four, four, four, five, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 1))
            .Should().Throw<ArgumentException>().WithParameterName("v");
        FluentActions.Invoking(() => FactorKernels.AdamStep(four, four, four, four, 0.1f, 0.9f, 0.999f, 1e-8f, 0f, 0))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("step");
        FluentActions.Invoking(() => FactorKernels.AdamStep(four, four, four, four, 0.1f, 1f, 0.999f, 1e-8f, 0f, 1))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("beta1");
        FluentActions.Invoking(() => FactorKernels.AdamStep(four, four, four, four, 0.1f, 0.9f, float.NaN, 1e-8f, 0f, 1))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("beta2");
    }

    private static void AssertStep(State old, State now, int step, string what)
    {
        for (int i = 0; i < now.Theta.Length; i++)
        {
            var expected = Oracle.Adam(old.Theta[i], old.Gradient[i], old.M[i], old.V[i], LearningRate, Beta1, Beta2, Epsilon, WeightDecay, step);
            Tolerance.Close(now.Theta[i], expected.Theta, expected.ThetaScale, Tolerance.Elementwise, what + " θ", i);
            Tolerance.Close(now.M[i], expected.M, Math.Abs(Beta1 * old.M[i]) + Math.Abs((1 - Beta1) * old.Gradient[i]), Tolerance.Elementwise, what + " m", i);
            Tolerance.Close(now.V[i], expected.V, expected.V, Tolerance.Elementwise, what + " v", i);
        }

        now.Gradient.Should().Equal(old.Gradient, $"{what}: gradients are read-only");
    }

    private sealed record State(float[] Theta, float[] Gradient, float[] M, float[] V)
    {
        // Second moments start away from zero, which bounds the step and so the float error allowed.
        public static State Random(int n, int seed) => new(
            TestVectors.Uniform(n, seed),
            TestVectors.Uniform(n, seed + 10_000),
            TestVectors.Uniform(n, seed + 20_000, min: -0.1f, max: 0.1f),
            TestVectors.Uniform(n, seed + 30_000, min: 0.01f, max: 0.5f));

        public State Copy() => new((float[])Theta.Clone(), (float[])Gradient.Clone(), (float[])M.Clone(), (float[])V.Clone());
    }
}
