using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class SgdStepTests
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
            float[] p = TestVectors.Uniform(n, seed: n);
            float[] q = TestVectors.Uniform(n, seed: 1000 + n);
            float error = TestVectors.Uniform(1, seed: 2000 + n, min: -2f, max: 2f)[0];
            float[] pOld = (float[])p.Clone(), qOld = (float[])q.Clone();

            FactorKernels.SgdStep(path, p, q, error, LearningRate, RegP, RegQ);

            AssertStep(pOld, qOld, p, q, error, $"{path} n={n}");
        }
    }

    [Fact]
    public void Public_entry_point_matches_the_oracle()
    {
        float[] p = TestVectors.Uniform(100, seed: 1);
        float[] q = TestVectors.Uniform(100, seed: 2);
        float[] pOld = (float[])p.Clone(), qOld = (float[])q.Clone();

        FactorKernels.SgdStep(p, q, 0.7f, LearningRate, RegP, RegQ);

        AssertStep(pOld, qOld, p, q, 0.7f, "SgdStep");
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Same_span_for_user_and_item_ends_with_the_item_update_of_the_old_values(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            float[] x = TestVectors.Uniform(n, seed: n);
            float[] old = (float[])x.Clone();

            FactorKernels.SgdStep(path, x, x, 0.9f, LearningRate, RegP, RegQ);

            for (int i = 0; i < n; i++)
            {
                (double expected, double scale) = Oracle.Sgd(old[i], old[i], 0.9, LearningRate, RegQ);
                Tolerance.Close(x[i], expected, scale, Tolerance.Elementwise, $"{path} n={n}", i);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void NaN_error_makes_both_rows_NaN(KernelPath path)
    {
        foreach (int n in DotTests.SpecialLengths)
        {
            float[] p = TestVectors.Uniform(n, seed: n);
            float[] q = TestVectors.Uniform(n, seed: n + 1);

            FactorKernels.SgdStep(path, p, q, float.NaN, LearningRate, RegP, RegQ);

            p.Should().OnlyContain(v => float.IsNaN(v), $"{path} n={n}");
            q.Should().OnlyContain(v => float.IsNaN(v), $"{path} n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void NaN_and_infinity_in_a_coordinate_propagate_as_the_formula_says(KernelPath path)
    {
        foreach (int n in DotTests.SpecialLengths)
        {
            for (int position = 0; position < n; position++)
            {
                foreach (float special in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
                {
                    foreach (bool inP in new[] { true, false })
                    {
                        float[] p = TestVectors.Uniform(n, seed: n);
                        float[] q = TestVectors.Uniform(n, seed: n + 1);
                        (inP ? p : q)[position] = special;
                        float[] pOld = (float[])p.Clone(), qOld = (float[])q.Clone();

                        FactorKernels.SgdStep(path, p, q, 0.5f, LearningRate, RegP, RegQ);

                        // Only the special coordinate is affected; the oracle says whether it becomes NaN or ±∞.
                        AssertStep(pOld, qOld, p, q, 0.5f, $"{path} n={n} {special} at {(inP ? "p" : "q")}[{position}]");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Padded_rows_match_the_oracle_and_padding_stays_zero(KernelPath path)
    {
        foreach (int columns in DotTests.PaddedColumns)
        {
            var users = new FactorMatrix(3, columns);
            var items = new FactorMatrix(2, columns);
            TestVectors.Uniform(columns, seed: columns).CopyTo(users.Row(2));
            TestVectors.Uniform(columns, seed: 700 + columns).CopyTo(items.Row(1));
            float[] pOld = users.Row(2).ToArray(), qOld = items.Row(1).ToArray();

            for (int step = 0; step < 3; step++)
            {
                float error = step - 1.3f;
                float[] pBefore = users.Row(2).ToArray(), qBefore = items.Row(1).ToArray();
                FactorKernels.SgdStepPadded(
                    path,
                    ref users.RowReference(2),
                    ref items.RowReference(1),
                    users.Stride,
                    LearningRate * error,
                    FactorKernels.Decay(LearningRate, RegP),
                    FactorKernels.Decay(LearningRate, RegQ));
                AssertStep(pBefore, qBefore, users.Row(2).ToArray(), items.Row(1).ToArray(), error, $"{path} columns={columns} step {step}");
            }

            Padding.AssertZero(users, $"{path} columns={columns}");
            Padding.AssertZero(items, $"{path} columns={columns}");
            users.Row(2).ToArray().Should().NotEqual(pOld);
            items.Row(1).ToArray().Should().NotEqual(qOld);
        }
    }

    [Fact]
    public void Different_lengths_throw()
    {
        Action act = () => FactorKernels.SgdStep(new float[5], new float[4], 1f, LearningRate, RegP, RegQ);
        act.Should().Throw<ArgumentException>().WithParameterName("q");
    }

    private static void AssertStep(float[] pOld, float[] qOld, float[] p, float[] q, float error, string what)
    {
        for (int i = 0; i < p.Length; i++)
        {
            (double pExpected, double pScale) = Oracle.Sgd(pOld[i], qOld[i], error, LearningRate, RegP);
            (double qExpected, double qScale) = Oracle.Sgd(qOld[i], pOld[i], error, LearningRate, RegQ);
            Tolerance.Close(p[i], pExpected, pScale, Tolerance.Elementwise, what + " p", i);
            Tolerance.Close(q[i], qExpected, qScale, Tolerance.Elementwise, what + " q", i);
        }
    }
}
