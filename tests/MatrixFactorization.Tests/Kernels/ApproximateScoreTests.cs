using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class ApproximateScoreTests
{
    private const double StoredRelativeError = 1.0 / 128;
    private const double FlushedAbsoluteError = 2.4e-38;

    [Fact]
    public void A_pair_of_ones_packs_to_the_word_worked_out_by_hand()
    {
        // 1.0 is 0x3F80 as a bfloat16, exactly. With those low bits, the word nearest 1.0 for the
        // high part is 0x3F803F80 = 1 + 0x3F80 / 2^23 ≈ 1.00194 (0x3F7F3F80 ≈ 0.99706 is farther).
        uint word = BFloat16Panels.Pack(1f, 1f);

        word.Should().Be(0x3F80_3F80u);
        BFloat16Panels.UnpackOdd(word).Should().Be(1f);
        BFloat16Panels.UnpackEven(word).Should().Be(BitConverter.UInt32BitsToSingle(0x3F80_3F80u));
    }

    [Fact]
    public void Every_packed_value_is_within_the_stated_relative_error()
    {
        var random = new Random(3);
        float[] specials = [0f, -0f, 1e-40f, -1e-40f, float.Epsilon, 1.1754944e-38f, 1e-30f, -3.5f, 65504f, 1e30f, -1e30f];
        var values = new List<float>(specials);
        for (int n = 0; n < 20_000; n++)
        {
            // Magnitudes across the whole normal range, both signs.
            values.Add((float)((random.NextDouble() + 0.5) * Math.Pow(2, random.Next(-120, 120)) * (random.Next(2) == 0 ? -1 : 1)));
        }

        for (int n = 0; n < values.Count; n++)
        {
            float even = values[n];
            float odd = values[(n * 7919) % values.Count];
            uint word = BFloat16Panels.Pack(even, odd);
            AssertClose(BFloat16Panels.UnpackEven(word), even, $"even {even:R} with odd {odd:R}");
            AssertClose(BFloat16Panels.UnpackOdd(word), odd, $"odd {odd:R} with even {even:R}");
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Scores_are_within_the_error_bound_for_every_shape(KernelPath path)
    {
        foreach (int columns in new[] { 1, 2, 3, 4, 5, 15, 16, 17, 31, 33, 64, 100, 128, 257 })
        {
            foreach (int rows in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 70 })
            {
                FactorMatrix items = ScoreAllTests.RandomMatrix(rows, columns, seed: (columns * 100) + rows);
                float[] p = TestVectors.Uniform(columns, seed: columns + 1);
                var compact = new BFloat16Panels(items);
                float[] scores = new float[compact.PaddedRows];

                FactorKernels.ScoreAllApproximate(path, p, compact, scores);

                AssertWithinBound(p, items, compact, scores, $"{path} rows={rows} columns={columns}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Available), MemberType = typeof(KernelPaths))]
    public void Zeros_and_tiny_factors_stay_within_the_bound(KernelPath path)
    {
        FactorMatrix items = ScoreAllTests.RandomMatrix(40, 24, seed: 8);
        items.Row(3).Clear();
        items.Row(5)[0] = 0;
        items.Row(7)[2] = 1e-39f;
        items.Row(9).Fill(1e-30f);
        float[] p = TestVectors.Uniform(24, seed: 9);
        var compact = new BFloat16Panels(items);
        float[] scores = new float[compact.PaddedRows];

        FactorKernels.ScoreAllApproximate(path, p, compact, scores);

        AssertWithinBound(p, items, compact, scores, path.ToString());
        scores[3].Should().BeApproximately(0f, 1e-35f);
    }

    [Fact]
    public void The_error_bound_covers_the_largest_error_seen_and_is_not_vacuous()
    {
        FactorMatrix items = ScoreAllTests.RandomMatrix(1000, 64, seed: 4);
        float[] p = TestVectors.Uniform(64, seed: 5);
        var compact = new BFloat16Panels(items);
        float[] scores = new float[compact.PaddedRows];
        FactorKernels.ScoreAllApproximate(KernelDispatch.Active, p, compact, scores);

        double largest = Enumerable.Range(0, items.Rows).Max(r => Math.Abs(scores[r] - Oracle.Dot(p, items.Row(r)).Value));
        float bound = FactorKernels.ApproximateScoreError(p, compact);

        largest.Should().BeLessThanOrEqualTo(bound);

        // Rows of 64 values in [-1, 1) have norms near 4.6 and p's is near 4.6 too: the bound is
        // about 2^-7 · 4.6 · 5 ≈ 0.18, a few times the typical error, not orders of magnitude more.
        bound.Should().BeLessThan(0.3f);
        largest.Should().BeGreaterThan(0, "the scan reads the rounded copy, not the floats");
    }

    private static void AssertWithinBound(float[] p, FactorMatrix items, BFloat16Panels compact, float[] scores, string what)
    {
        for (int r = 0; r < items.Rows; r++)
        {
            float[] row = items.Row(r).ToArray();
            double magnitude = 0;
            for (int f = 0; f < row.Length; f++)
            {
                magnitude += Math.Abs((double)p[f] * row[f]);
            }

            // Stored values within 2^-7, float accumulation of 2 × pairs terms within γ_k.
            double gamma = 2 * compact.Pairs * Math.ScaleB(1, -24) * 1.01;
            double tolerance = ((StoredRelativeError + (2 * gamma)) * magnitude) + (FlushedAbsoluteError * p.Length);
            Math.Abs(scores[r] - Oracle.Dot(p, row).Value).Should().BeLessThanOrEqualTo(tolerance, $"{what} row {r}");
        }

        for (int r = items.Rows; r < compact.PaddedRows; r++)
        {
            scores[r].Should().Be(0f, $"{what} padding row {r}");
        }
    }

    private static void AssertClose(float actual, float expected, string what)
    {
        double error = Math.Abs((double)actual - expected);
        error.Should().BeLessThanOrEqualTo((StoredRelativeError * Math.Abs(expected)) + FlushedAbsoluteError, what);
    }
}
