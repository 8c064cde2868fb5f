using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class AdaGradUpdateTests
{
    private const float LearningRate = 0.1f;
    private const float RegP = 0.02f;
    private const float RegQ = 0.05f;

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Is_bit_identical_to_the_unfused_reference_for_lengths_1_to_200(KernelPath path)
    {
        for (int n = 1; n <= 200; n++)
        {
            foreach (bool fresh in new[] { true, false })
            {
                int seed = (n * 2) + (fresh ? 0 : 1);
                float[] p = TestVectors.Uniform(n, seed), q = TestVectors.Uniform(n, seed + 10_000);
                float[] wantP = [.. p], wantQ = [.. q];
                float gp = fresh ? 1f : 1.3f, gq = fresh ? 1f : 2.7f;
                float wantGp = gp, wantGq = gq;
                float value = 1f + (n % 5), baseline = 0.1f * (n % 7);

                float wantError = AdaGradReference.Update(path, wantP, wantQ, ref wantGp, ref wantGq, value, baseline, LearningRate, RegP, RegQ, 1f / n);
                float error = FactorKernels.AdaGradUpdate(path, p, q, ref gp, ref gq, value, baseline, LearningRate, RegP, RegQ);

                string what = $"{path} n={n} fresh={fresh}";
                Bits(error).Should().Be(Bits(wantError), what + " error");
                Bits(gp).Should().Be(Bits(wantGp), what + " gp");
                Bits(gq).Should().Be(Bits(wantGq), what + " gq");
                p.Select(Bits).Should().Equal(wantP.Select(Bits), what + " p");
                q.Select(Bits).Should().Equal(wantQ.Select(Bits), what + " q");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Padded_rows_are_bit_identical_to_the_reference_and_keep_their_padding_zero(KernelPath path)
    {
        // 32, 64 and 128 are the register kernels' lengths on the 256- and 512-bit paths.
        foreach (int columns in new[] { 1, 7, 16, 31, 32, 50, 64, 100, 128, 200 })
        {
            var p = new FactorMatrix(2, columns);
            var q = new FactorMatrix(2, columns);
            TestVectors.Uniform(columns, seed: columns).CopyTo(p.Row(1));
            TestVectors.Uniform(columns, seed: 900 + columns).CopyTo(q.Row(0));
            float gp = 1f, gq = 1f;
            for (int step = 0; step < 3; step++)
            {
                float[] wantP = p.PaddedRow(1).ToArray(), wantQ = q.PaddedRow(0).ToArray();
                float wantGp = gp, wantGq = gq;
                float wantError = AdaGradReference.Update(path, wantP, wantQ, ref wantGp, ref wantGq, 4f, 0.5f, LearningRate, RegP, RegQ, 1f / columns);

                float error = FactorKernels.AdaGradUpdatePadded(
                    path, ref p.RowReference(1), ref q.RowReference(0), p.Stride, ref gp, ref gq, 4f, 0.5f, LearningRate / MathF.Sqrt(gp), LearningRate / MathF.Sqrt(gq), RegP, RegQ, 1f / columns);

                string what = $"{path} columns={columns} step {step}";
                Bits(error).Should().Be(Bits(wantError), what);
                Bits(gp).Should().Be(Bits(wantGp), what);
                Bits(gq).Should().Be(Bits(wantGq), what);
                p.PaddedRow(1).ToArray().Select(Bits).Should().Equal(wantP.Select(Bits), what);
                q.PaddedRow(0).ToArray().Select(Bits).Should().Equal(wantQ.Select(Bits), what);
            }

            Padding.AssertZero(p, $"{path} columns={columns}");
            Padding.AssertZero(q, $"{path} columns={columns}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_LIBMFs_per_row_rule_in_double(KernelPath path)
    {
        foreach (int n in new[] { 1, 5, 16, 33, 64, 128, 150 })
        {
            float[] p = TestVectors.Uniform(n, seed: n), q = TestVectors.Uniform(n, seed: n + 1);
            double[] p0 = [.. p.Select(x => (double)x)], q0 = [.. q.Select(x => (double)x)];
            float gp = 0.4f, gq = 0.9f;

            double error = 3.5 - (0.25 + p0.Zip(q0, (a, b) => a * b).Sum());
            double[] gradP = [.. p0.Zip(q0, (x, y) => (RegP * x) - (error * y))];
            double[] gradQ = [.. q0.Zip(p0, (x, y) => (RegQ * x) - (error * y))];
            double accP = 0.4 + (gradP.Sum(g => g * g) / n);
            double accQ = 0.9 + (gradQ.Sum(g => g * g) / n);
            // The step's rate comes from the accumulator before this gradient is added.
            double[] wantP = [.. p0.Zip(gradP, (x, g) => x - (LearningRate * g / Math.Sqrt(0.4)))];
            double[] wantQ = [.. q0.Zip(gradQ, (x, g) => x - (LearningRate * g / Math.Sqrt(0.9)))];

            float got = FactorKernels.AdaGradUpdate(path, p, q, ref gp, ref gq, 3.5f, 0.25f, LearningRate, RegP, RegQ);

            got.Should().BeApproximately((float)error, 1e-4f, $"{path} n={n}");
            gp.Should().BeApproximately((float)accP, 1e-4f * (float)accP, $"{path} n={n}");
            gq.Should().BeApproximately((float)accQ, 1e-4f * (float)accQ, $"{path} n={n}");
            for (int i = 0; i < n; i++)
            {
                p[i].Should().BeApproximately((float)wantP[i], 1e-5f, $"{path} n={n} p[{i}]");
                q[i].Should().BeApproximately((float)wantQ[i], 1e-5f, $"{path} n={n} q[{i}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Fresh_accumulators_take_the_plain_SGD_step_of_rate_eta(KernelPath path)
    {
        // G starts at 1, so the first step is SGD's: x - η·(λ·x − e·y).
        float[] p = TestVectors.Uniform(64, seed: 1), q = TestVectors.Uniform(64, seed: 2);
        double[] p0 = [.. p.Select(x => (double)x)], q0 = [.. q.Select(x => (double)x)];
        double error = 2.0 - p0.Zip(q0, (a, b) => a * b).Sum();
        float gp = 1f, gq = 1f;

        FactorKernels.AdaGradUpdate(path, p, q, ref gp, ref gq, 2f, 0f, LearningRate, RegP, RegQ);

        for (int i = 0; i < 64; i++)
        {
            p[i].Should().BeApproximately((float)(p0[i] - (LearningRate * ((RegP * p0[i]) - (error * q0[i])))), 1e-6f, $"{path} p[{i}]");
            q[i].Should().BeApproximately((float)(q0[i] - (LearningRate * ((RegQ * q0[i]) - (error * p0[i])))), 1e-6f, $"{path} q[{i}]");
        }

        gp.Should().BeGreaterThan(1f);
        gq.Should().BeGreaterThan(1f);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void A_NaN_rating_makes_both_rows_NaN(KernelPath path)
    {
        foreach (int n in DotTests.SpecialLengths)
        {
            float[] p = TestVectors.Uniform(n, seed: n), q = TestVectors.Uniform(n, seed: n + 1);
            float gp = 1f, gq = 1f;

            float error = FactorKernels.AdaGradUpdate(path, p, q, ref gp, ref gq, float.NaN, 0f, LearningRate, RegP, RegQ);

            float.IsNaN(error).Should().BeTrue();
            float.IsNaN(gp).Should().BeTrue($"{path} n={n}");
            p.Should().OnlyContain(v => float.IsNaN(v), $"{path} n={n}");
            q.Should().OnlyContain(v => float.IsNaN(v), $"{path} n={n}");
        }
    }

    [Fact]
    public void Different_or_empty_rows_throw()
    {
        float g = 0f;
        FluentActions.Invoking(() => FactorKernels.AdaGradUpdate(KernelPath.Scalar, new float[4], new float[5], ref g, ref g, 1f, 0f, 0.1f, 0f, 0f))
            .Should().Throw<ArgumentException>().WithParameterName("q");
        FluentActions.Invoking(() => FactorKernels.AdaGradUpdate(KernelPath.Scalar, [], [], ref g, ref g, 1f, 0f, 0.1f, 0f, 0f))
            .Should().Throw<ArgumentException>().WithParameterName("q");
    }

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
