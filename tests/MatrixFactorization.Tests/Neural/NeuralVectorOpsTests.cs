using MatrixFactorization.Foundation;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

/// <summary>
/// The branch-free building blocks of the neural passes against plain loops written here: widths
/// around the vector sizes so whole blocks, single vectors and scalar tails are all exercised.
/// </summary>
public sealed class NeuralVectorOpsTests
{
    public static TheoryData<int> Widths => [1, 3, 7, 8, 9, 16, 31, 32, 33, 40, 64, 71];

    [Theory]
    [MemberData(nameof(Widths))]
    public void AddRows_adds_the_listed_rows_scaled_by_their_inputs(int width)
    {
        var random = new Random(width);
        const int inputs = 12;
        float[] x = Values(random, inputs);
        float[] weights = Values(random, inputs * width);
        float[] output = Values(random, width + 3);
        int[] rows = [0, 2, 3, 7, 11];

        var expected = new double[width];
        for (int j = 0; j < width; j++)
        {
            expected[j] = output[j];
            foreach (int k in rows)
            {
                expected[j] += (double)x[k] * weights[(k * width) + j];
            }
        }

        float[] beyond = output[width..];
        NeuralVectorOps.AddRows(x, rows, weights, width, output);
        for (int j = 0; j < width; j++)
        {
            output[j].Should().BeApproximately((float)expected[j], 1e-5f);
        }

        output[width..].Should().Equal(beyond, "nothing past the width is written");
    }

    [Fact]
    public void AddRows_with_no_rows_leaves_the_output()
    {
        float[] output = [1f, 2f, 3f];
        NeuralVectorOps.AddRows([5f], [], [9f, 9f, 9f], 3, output);
        output.Should().Equal(1f, 2f, 3f);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AxpyDot_steps_the_gradient_row_and_returns_the_weight_dot(int width)
    {
        var random = new Random(100 + width);
        float[] d = Values(random, width);
        float[] gradient = Values(random, width);
        float[] weights = Values(random, width);
        float[] before = (float[])gradient.Clone();
        double dot = 0;
        for (int j = 0; j < width; j++)
        {
            dot += (double)weights[j] * d[j];
        }

        float result = NeuralVectorOps.AxpyDot(0.75f, d, gradient, weights);

        result.Should().BeApproximately((float)dot, 1e-5f);
        for (int j = 0; j < width; j++)
        {
            gradient[j].Should().BeApproximately(before[j] + (0.75f * d[j]), 1e-6f);
        }
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void NonzeroList_lists_the_nonzero_and_NaN_positions_in_order(int width)
    {
        var random = new Random(200 + width);
        float[] values = new float[width];
        for (int k = 0; k < width; k++)
        {
            values[k] = random.Next(4) switch
            {
                0 => 0f,
                1 => -0f,
                2 => float.NaN,
                _ => (float)random.NextDouble() - 0.5f,
            };
        }

        var expected = new List<int>();
        for (int k = 0; k < width; k++)
        {
            if (!(values[k] == 0f))
            {
                expected.Add(k);
            }
        }

        var positions = new int[width];
        int count = NonzeroList.Write(values, positions);
        positions[..count].Should().Equal(expected);
    }

    [Theory]
    [InlineData(64, 0.5f)]
    [InlineData(13, 0.5f)]
    [InlineData(24, 0.2f)]
    [InlineData(5, 0f)]
    [InlineData(40, 0f)]
    public void The_gate_applies_ReLU_and_the_documented_dropout_bits(int length, float dropout)
    {
        var random = new Random(length);
        float[] embedding = Values(random, length);
        embedding[0] = 0f;
        var input = new float[length];
        var gate = new float[length];
        SplitMix64 rng = SplitMix64.For(7, 3, 0xD209);
        SplitMix64 reference = rng;

        NeuralGate.Apply(embedding, input, gate, dropout, ref rng);

        // Element k is kept when its 16 bits (bits 16·(k mod 4) and up of draw k / 4) reach p·65536.
        float keep = 1f / (1f - dropout);
        ulong draw = 0;
        for (int k = 0; k < length; k++)
        {
            bool kept = true;
            if (dropout > 0f)
            {
                if (k % 4 == 0)
                {
                    draw = reference.NextUInt64();
                }

                kept = ((draw >> (16 * (k % 4))) & 0xFFFF) >= (ulong)(dropout * 65536f);
            }

            float expectedGate = kept && embedding[k] > 0f ? keep : 0f;
            gate[k].Should().Be(expectedGate, $"element {k}");
            input[k].Should().Be(embedding[k] * expectedGate, $"element {k}");
        }

        rng.NextUInt64().Should().Be(reference.NextUInt64(), "the gate consumes exactly one draw per four elements");
    }

    private static float[] Values(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2.0) - 1f).ToArray();
}
