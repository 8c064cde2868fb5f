using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class AdaGradStepTests
{
    private const float LearningRate = 0.1f;
    private const float RegP = 0.02f;
    private const float RegQ = 0.05f;

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Matches_the_oracle_for_every_length(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            var rows = Rows.Random(n, seed: n);
            float error = TestVectors.Uniform(1, seed: 3000 + n, min: -2f, max: 2f)[0];
            Rows old = rows.Copy();

            FactorKernels.AdaGradStep(path, rows.P, rows.Q, rows.GP, rows.GQ, error, LearningRate, RegP, RegQ);

            AssertStep(old, rows, error, $"{path} n={n}");
        }
    }

    [Fact]
    public void Public_entry_point_matches_the_oracle()
    {
        var rows = Rows.Random(100, seed: 7);
        Rows old = rows.Copy();

        FactorKernels.AdaGradStep(rows.P, rows.Q, rows.GP, rows.GQ, -0.4f, LearningRate, RegP, RegQ);

        AssertStep(old, rows, -0.4f, "AdaGradStep");
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Fresh_accumulators_take_a_step_of_about_the_learning_rate(KernelPath path)
    {
        // With G = 0 the first step is η·g/(|g| + ε): magnitude η, against the gradient.
        float[] p = TestVectors.Uniform(40, seed: 1);
        float[] q = TestVectors.Uniform(40, seed: 2);
        float[] gp = new float[40], gq = new float[40];
        float[] pOld = (float[])p.Clone(), qOld = (float[])q.Clone();
        const float error = 1f;

        FactorKernels.AdaGradStep(path, p, q, gp, gq, error, LearningRate, RegP, RegQ);

        for (int i = 0; i < p.Length; i++)
        {
            double gradient = (RegP * (double)pOld[i]) - (error * (double)qOld[i]);
            Math.Abs(p[i] - pOld[i]).Should().BeApproximately(LearningRate, 1e-5f);
            Math.Sign(p[i] - pOld[i]).Should().Be(-Math.Sign(gradient));
            gp[i].Should().BeApproximately((float)(gradient * gradient), 1e-6f);
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Same_rows_for_user_and_item_end_with_the_item_update_of_the_old_values(KernelPath path)
    {
        for (int n = 0; n <= KernelPaths.MaxLength; n++)
        {
            float[] x = TestVectors.Uniform(n, seed: n);
            float[] g = TestVectors.Uniform(n, seed: 100 + n, min: 0.1f, max: 2f);
            float[] xOld = (float[])x.Clone(), gOld = (float[])g.Clone();

            FactorKernels.AdaGradStep(path, x, x, g, g, 0.8f, LearningRate, RegP, RegQ);

            for (int i = 0; i < n; i++)
            {
                var expected = Oracle.AdaGrad(xOld[i], xOld[i], gOld[i], 0.8, LearningRate, RegQ, FactorKernels.AdaGradEpsilon);
                Tolerance.Close(x[i], expected.X, expected.XScale, Tolerance.Elementwise, $"{path} n={n} x", i);
                Tolerance.Close(g[i], expected.Accumulator, expected.Accumulator, Tolerance.Elementwise, $"{path} n={n} g", i);
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void NaN_and_infinity_propagate_as_the_formula_says(KernelPath path)
    {
        foreach (int n in DotTests.SpecialLengths)
        {
            for (int position = 0; position < n; position++)
            {
                foreach (float special in new[] { float.NaN, float.PositiveInfinity })
                {
                    var rows = Rows.Random(n, seed: n);
                    rows.Q[position] = special;
                    Rows old = rows.Copy();

                    FactorKernels.AdaGradStep(path, rows.P, rows.Q, rows.GP, rows.GQ, 0.5f, LearningRate, RegP, RegQ);

                    AssertStep(old, rows, 0.5f, $"{path} n={n} {special} at q[{position}]");
                }
            }

            var nanError = Rows.Random(n, seed: n);
            FactorKernels.AdaGradStep(path, nanError.P, nanError.Q, nanError.GP, nanError.GQ, float.NaN, LearningRate, RegP, RegQ);
            nanError.P.Should().OnlyContain(v => float.IsNaN(v), $"{path} n={n}");
            nanError.Q.Should().OnlyContain(v => float.IsNaN(v), $"{path} n={n}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Padded_rows_match_the_oracle_and_padding_stays_zero(KernelPath path)
    {
        foreach (int columns in DotTests.PaddedColumns)
        {
            var p = new FactorMatrix(2, columns);
            var q = new FactorMatrix(2, columns);
            var gp = new FactorMatrix(2, columns);
            var gq = new FactorMatrix(2, columns);
            TestVectors.Uniform(columns, seed: columns).CopyTo(p.Row(1));
            TestVectors.Uniform(columns, seed: 900 + columns).CopyTo(q.Row(0));

            for (int step = 0; step < 3; step++)
            {
                float error = 1.1f - step;
                var before = new Rows(p.Row(1).ToArray(), q.Row(0).ToArray(), gp.Row(1).ToArray(), gq.Row(0).ToArray());
                FactorKernels.AdaGradStepPadded(
                    path, ref p.RowReference(1), ref q.RowReference(0), ref gp.RowReference(1), ref gq.RowReference(0), p.Stride, error, LearningRate, RegP, RegQ);
                var after = new Rows(p.Row(1).ToArray(), q.Row(0).ToArray(), gp.Row(1).ToArray(), gq.Row(0).ToArray());
                AssertStep(before, after, error, $"{path} columns={columns} step {step}");
            }

            foreach (FactorMatrix matrix in new[] { p, q, gp, gq })
            {
                Padding.AssertZero(matrix, $"{path} columns={columns}");
            }
        }
    }

    [Fact]
    public void Different_lengths_throw()
    {
        float[] four = new float[4], five = new float[5];
        FluentActions.Invoking(() => FactorKernels.AdaGradStep(four, five, four, four, 1f, 0.1f, 0f, 0f))
            .Should().Throw<ArgumentException>().WithParameterName("q");
        FluentActions.Invoking(() => FactorKernels.AdaGradStep(four, four, five, four, 1f, 0.1f, 0f, 0f))
            .Should().Throw<ArgumentException>().WithParameterName("gp");
        FluentActions.Invoking(() => FactorKernels.AdaGradStep(four, four, four, five, 1f, 0.1f, 0f, 0f))
            .Should().Throw<ArgumentException>().WithParameterName("gq");
    }

    private static void AssertStep(Rows old, Rows now, float error, string what)
    {
        double epsilon = FactorKernels.AdaGradEpsilon;
        for (int i = 0; i < now.P.Length; i++)
        {
            var p = Oracle.AdaGrad(old.P[i], old.Q[i], old.GP[i], error, LearningRate, RegP, epsilon);
            var q = Oracle.AdaGrad(old.Q[i], old.P[i], old.GQ[i], error, LearningRate, RegQ, epsilon);
            Tolerance.Close(now.P[i], p.X, p.XScale, Tolerance.Elementwise, what + " p", i);
            Tolerance.Close(now.Q[i], q.X, q.XScale, Tolerance.Elementwise, what + " q", i);
            Tolerance.Close(now.GP[i], p.Accumulator, p.Accumulator, Tolerance.Elementwise, what + " gp", i);
            Tolerance.Close(now.GQ[i], q.Accumulator, q.Accumulator, Tolerance.Elementwise, what + " gq", i);
        }
    }

    private sealed record Rows(float[] P, float[] Q, float[] GP, float[] GQ)
    {
        // Accumulators start positive (as LIBMF starts them at 1), which bounds the per-coordinate
        // step size and so the float error the oracle comparison has to allow.
        public static Rows Random(int n, int seed) => new(
            TestVectors.Uniform(n, seed),
            TestVectors.Uniform(n, seed + 10_000),
            TestVectors.Uniform(n, seed + 20_000, min: 0.1f, max: 2f),
            TestVectors.Uniform(n, seed + 30_000, min: 0.1f, max: 2f));

        public Rows Copy() => new((float[])P.Clone(), (float[])Q.Clone(), (float[])GP.Clone(), (float[])GQ.Clone());
    }
}
