using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class FusedSgdTests
{
    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void A_whole_update_is_bit_identical_to_the_dot_product_then_the_step(KernelPath path)
    {
        // 64 and 128 take the fused kernel on the 512-bit path, 32 and 64 on the 256-bit one; the
        // others take the two separate kernels, which must agree with it all the same.
        foreach (int length in new[] { 16, 32, 48, 64, 80, 128, 256 })
        {
            for (int seed = 0; seed < 20; seed++)
            {
                float[] p = TestVectors.Uniform(length, seed: (length * 100) + seed);
                float[] q = TestVectors.Uniform(length, seed: (length * 100) + seed + 50);
                float value = 1 + (seed % 5);
                float baseline = 0.25f * (seed % 3);
                float[] expectedP = [.. p];
                float[] expectedQ = [.. q];
                float expectedError = value - (baseline + FactorKernels.DotPadded(path, ref expectedP[0], ref expectedQ[0], length));
                FactorKernels.SgdStepPadded(
                    path, ref expectedP[0], ref expectedQ[0], length, 0.01f * expectedError, FactorKernels.Decay(0.01f, 0.05f), FactorKernels.Decay(0.01f, 0.07f));

                float error = FactorKernels.SgdUpdatePadded(
                    path, ref p[0], ref q[0], length, value, baseline, 0.01f, FactorKernels.Decay(0.01f, 0.05f), FactorKernels.Decay(0.01f, 0.07f));

                error.Should().Be(expectedError, $"{path} length {length} seed {seed}");
                p.Should().Equal(expectedP, $"{path} length {length} seed {seed}");
                q.Should().Equal(expectedQ, $"{path} length {length} seed {seed}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void A_whole_update_matches_the_textbook_formula(KernelPath path)
    {
        foreach (int length in new[] { 32, 64, 128 })
        {
            float[] p = TestVectors.Uniform(length, seed: length);
            float[] q = TestVectors.Uniform(length, seed: length + 1);
            double dot = Oracle.Dot(p, q).Value;
            double error = 4.0 - (0.5 + dot);
            double[] wantP = [.. p.Select((x, f) => x + (0.01 * ((error * q[f]) - (0.05 * x))))];
            double[] wantQ = [.. q.Select((x, f) => x + (0.01 * ((error * p[f]) - (0.07 * x))))];

            float got = FactorKernels.SgdUpdatePadded(
                path, ref p[0], ref q[0], length, 4f, 0.5f, 0.01f, FactorKernels.Decay(0.01f, 0.05f), FactorKernels.Decay(0.01f, 0.07f));

            got.Should().BeApproximately((float)error, 1e-4f);
            for (int f = 0; f < length; f++)
            {
                p[f].Should().BeApproximately((float)wantP[f], 1e-5f, $"{path} p[{f}]");
                q[f].Should().BeApproximately((float)wantQ[f], 1e-5f, $"{path} q[{f}]");
            }
        }
    }
}
