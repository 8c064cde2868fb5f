using System.Runtime.Intrinsics;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class BprStepTests
{
    private const float LearningRate = 0.05f;
    private const float RegP = 0.02f;
    private const float RegQ = 0.05f;

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_the_oracle_for_every_length(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            // Scaled so the score difference stays in the range where the weight is neither 0 nor 1.
            float[] p = TestVectors.Uniform(n, seed: n, min: -0.3f, max: 0.3f);
            float[] qi = TestVectors.Uniform(n, seed: 1000 + n);
            float[] qj = TestVectors.Uniform(n, seed: 2000 + n);
            float bias = TestVectors.Uniform(1, seed: 3000 + n)[0];
            var expected = Oracle.Bpr(p, qi, qj, bias, LearningRate, RegP, RegQ);

            BprOutcome outcome = FactorKernels.BprStep(path, p, qi, qj, bias, LearningRate, RegP, RegQ);

            AssertStep(expected, outcome, p, qi, qj, $"{path} n={n}");
        }
    }

    [Fact]
    public void Public_entry_point_matches_the_oracle()
    {
        float[] p = TestVectors.Uniform(100, seed: 1, min: -0.3f, max: 0.3f);
        float[] qi = TestVectors.Uniform(100, seed: 2);
        float[] qj = TestVectors.Uniform(100, seed: 3);
        var expected = Oracle.Bpr(p, qi, qj, 0.25, LearningRate, RegP, RegQ);

        BprOutcome outcome = FactorKernels.BprStep(p, qi, qj, 0.25f, LearningRate, RegP, RegQ);

        AssertStep(expected, outcome, p, qi, qj, "BprStep");
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Padded_rows_match_the_oracle_and_padding_stays_zero(KernelPath path)
    {
        foreach (int columns in DotTests.PaddedColumns)
        {
            var users = new FactorMatrix(2, columns);
            var items = new FactorMatrix(3, columns);
            TestVectors.Uniform(columns, seed: columns, min: -0.3f, max: 0.3f).CopyTo(users.Row(1));
            TestVectors.Uniform(columns, seed: 500 + columns).CopyTo(items.Row(0));
            TestVectors.Uniform(columns, seed: 900 + columns).CopyTo(items.Row(2));
            for (int step = 0; step < 3; step++)
            {
                var expected = Oracle.Bpr(users.Row(1), items.Row(0), items.Row(2), -0.5, LearningRate, RegP, RegQ);
                BprOutcome outcome = FactorKernels.BprStepPadded(
                    path,
                    ref users.RowReference(1),
                    ref items.RowReference(0),
                    ref items.RowReference(2),
                    users.Stride,
                    -0.5f,
                    LearningRate,
                    FactorKernels.Decay(LearningRate, RegP),
                    FactorKernels.Decay(LearningRate, RegQ));
                AssertStep(expected, outcome, users.Row(1).ToArray(), items.Row(0).ToArray(), items.Row(2).ToArray(), $"{path} columns={columns} step {step}");
            }

            Padding.AssertZero(users, $"{path} columns={columns}");
            Padding.AssertZero(items, $"{path} columns={columns}");
        }
    }

    [Fact]
    public void Rows_of_four_vectors_kept_in_registers_step_bit_identically_to_the_loop()
    {
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            for (int seed = 0; seed < 20; seed++)
            {
                if (path == KernelPath.Vector512)
                {
                    CompareFourWithWhole<Simd512, Vector512<float>>(seed);
                }
                else if (path == KernelPath.Vector256)
                {
                    CompareFourWithWhole<Simd256, Vector256<float>>(seed);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void A_NaN_bias_difference_makes_every_row_NaN(KernelPath path)
    {
        foreach (int n in DotTests.SpecialLengths)
        {
            float[] p = TestVectors.Uniform(n, seed: n);
            float[] qi = TestVectors.Uniform(n, seed: n + 1);
            float[] qj = TestVectors.Uniform(n, seed: n + 2);

            BprOutcome outcome = FactorKernels.BprStep(path, p, qi, qj, float.NaN, LearningRate, RegP, RegQ);

            float.IsNaN(outcome.Difference).Should().BeTrue();
            float.IsNaN(outcome.Weight).Should().BeTrue();
            p.Concat(qi).Concat(qj).Should().OnlyContain(v => float.IsNaN(v), $"{path} n={n}");
        }
    }

    [Fact]
    public void Different_lengths_throw()
    {
        FluentActions.Invoking(() => FactorKernels.BprStep(new float[5], new float[4], new float[5], 0f, LearningRate, RegP, RegQ))
            .Should().Throw<ArgumentException>().WithParameterName("qi");
        FluentActions.Invoking(() => FactorKernels.BprStep(new float[5], new float[5], new float[6], 0f, LearningRate, RegP, RegQ))
            .Should().Throw<ArgumentException>().WithParameterName("qj");
    }

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

    private static void CompareFourWithWhole<TSimd, TVec>(int seed)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int length = 4 * TSimd.Count;
        float[] p = TestVectors.Uniform(length, seed: seed, min: -0.3f, max: 0.3f);
        float[] qi = TestVectors.Uniform(length, seed: 100 + seed);
        float[] qj = TestVectors.Uniform(length, seed: 200 + seed);
        float[] p2 = [.. p], qi2 = [.. qi], qj2 = [.. qj];
        float dp = FactorKernels.Decay(LearningRate, RegP), dq = FactorKernels.Decay(LearningRate, RegQ);

        BprOutcome four = BprStepKernel.Four<TSimd, TVec>(ref p[0], ref qi[0], ref qj[0], 0.3f, LearningRate, dp, dq);
        BprOutcome whole = BprStepKernel.Whole<TSimd, TVec>(ref p2[0], ref qi2[0], ref qj2[0], (nuint)length, 0.3f, LearningRate, dp, dq);

        four.Difference.Should().Be(whole.Difference, $"{typeof(TSimd).Name} seed {seed}");
        four.Weight.Should().Be(whole.Weight);
        p.Should().Equal(p2);
        qi.Should().Equal(qi2);
        qj.Should().Equal(qj2);
    }

    /// <summary>
    /// Each value within float rounding of the oracle's, plus what the score difference's rounding
    /// can move the weight: |Δw| ≤ ¼|Δx| (the logistic's slope is at most ¼) and a few ulp of w.
    /// </summary>
    private static void AssertStep(
        (double X, double XScale, double Weight, double[] P, double[] Qi, double[] Qj) expected,
        BprOutcome outcome,
        float[] p,
        float[] qi,
        float[] qj,
        string what)
    {
        int n = p.Length;
        double xBound = Tolerance.Summation(n + 1) * expected.XScale;
        Tolerance.Close(outcome.Difference, expected.X, xBound, 1, what + " x");
        double weightBound = (0.25 * xBound) + (8 * Tolerance.Unit * expected.Weight);
        Tolerance.Close(outcome.Weight, expected.Weight, weightBound, 1, what + " weight");
        for (int f = 0; f < n; f++)
        {
            double gainError = LearningRate * weightBound;
            Tolerance.Close(p[f], expected.P[f], Bound(expected.P[f], gainError * 2), 1, what + " p", f);
            Tolerance.Close(qi[f], expected.Qi[f], Bound(expected.Qi[f], gainError), 1, what + " qi", f);
            Tolerance.Close(qj[f], expected.Qj[f], Bound(expected.Qj[f], gainError), 1, what + " qj", f);
        }
    }

    // The rows' entries are at most 1 in size, so a gain error moves a coordinate by at most it
    // times 2 (|q_i − q_j|) or 1 (|p|); the rest is the handful of roundings of the update.
    private static double Bound(double value, double gainError) => (Tolerance.Elementwise * (Math.Abs(value) + 1)) + gainError;
}
