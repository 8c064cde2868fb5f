using System.Runtime.InteropServices;
using MatrixFactorization.Kernels;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class BprRunTests
{
    private const float LearningRate = 0.1f, Regularization = 0.05f, BiasRegularization = 0.03f;

    // k = 5 takes the loop over padded rows of any stride, k = 64 (on the 512- or 256-bit path) the
    // run that holds the user's row in registers, k = 32 that run on the 256-bit path (the loop
    // over padded rows on the 512-bit one), k = 256 the loop compiled for the default stride.
    [Theory]
    [InlineData(5, true)]
    [InlineData(32, true)]
    [InlineData(64, true)]
    [InlineData(64, false)]
    [InlineData(256, true)]
    public void A_block_steps_as_the_run_rule_written_out_triple_by_triple(int k, bool itemBias)
    {
        const int Users = 5, Items = 120;
        var rng = new Random(k + (itemBias ? 1 : 0));
        var p = new FactorMatrix(Users, k);
        var q = new FactorMatrix(Items, k);
        float[] biases = itemBias ? [.. Enumerable.Range(0, Items).Select(_ => (float)(rng.NextDouble() - 0.5))] : [];
        for (int f = 0; f < k; f++)
        {
            for (int u = 0; u < Users; u++)
            {
                p.Row(u)[f] = (float)(rng.NextDouble() - 0.5);
            }

            for (int i = 0; i < Items; i++)
            {
                q.Row(i)[f] = (float)(rng.NextDouble() - 0.5);
            }
        }

        // User 0 three triples (one without a negative, two with the same negative), user 1 two,
        // user 0 again (a run of its own), then user 2 with more triples than one run holds.
        var pairs = new List<InteractionPair> { new(0, 1), new(0, 2), new(0, 3), new(1, 4), new(1, 5), new(0, 6) };
        var negatives = new List<int> { 9, -1, 9, 10, 11, 12 };
        for (int t = 0; t < BprEngine.MaxRun + 3; t++)
        {
            pairs.Add(new InteractionPair(2, t));
            negatives.Add(t == 0 ? 39 : t - 1);
        }

        // Users 3 and 4 step in groups of triples weighed together: user 3's negatives repeat every
        // five triples, which ends a group early; user 4's are all distinct, so its groups are full.
        for (int t = 0; t < BprEngine.MaxRun; t++)
        {
            pairs.Add(new InteractionPair(3, 40 + t));
            negatives.Add(80 + (t % 5));
        }

        for (int t = 0; t < 20; t++)
        {
            pairs.Add(new InteractionPair(4, 40 + t));
            negatives.Add(t == 13 ? -1 : 90 + t);
        }

        // The reference in double, from the same starting values.
        double[][] rp = [.. Enumerable.Range(0, Users).Select(u => p.Row(u).ToArray().Select(v => (double)v).ToArray())];
        double[][] rq = [.. Enumerable.Range(0, Items).Select(i => q.Row(i).ToArray().Select(v => (double)v).ToArray())];
        double[] rb = [.. biases.Select(v => (double)v)];
        double[] rx = new double[pairs.Count];
        double decay = 1 - (LearningRate * Regularization), decayB = 1 - (LearningRate * BiasRegularization);
        int start = 0;
        while (start < pairs.Count)
        {
            int user = pairs[start].User, end = start;
            while (end < pairs.Count && end - start < BprEngine.MaxRun && pairs[end].User == user)
            {
                end++;
            }

            double[] p0 = [.. rp[user]];
            double[] sum = new double[k];
            double runDecay = 1;
            for (int t = start; t < end; t++)
            {
                int i = pairs[t].Item, j = negatives[t];
                if (j < 0)
                {
                    rx[t] = double.PositiveInfinity;
                    continue;
                }

                double x = itemBias ? rb[i] - rb[j] : 0;
                for (int f = 0; f < k; f++)
                {
                    x += p0[f] * (rq[i][f] - rq[j][f]);
                }

                rx[t] = x;
                double g = LearningRate / (1 + Math.Exp(x));
                for (int f = 0; f < k; f++)
                {
                    double qi = rq[i][f], qj = rq[j][f];
                    sum[f] += g * (qi - qj);
                    rq[i][f] = (decay * qi) + (g * p0[f]);
                    rq[j][f] = (decay * qj) - (g * p0[f]);
                }

                if (itemBias)
                {
                    rb[i] = (decayB * rb[i]) + g;
                    rb[j] = (decayB * rb[j]) - g;
                }

                runDecay *= decay;
            }

            for (int f = 0; f < k; f++)
            {
                rp[user][f] = (runDecay * p0[f]) + sum[f];
            }

            start = end;
        }

        var context = new BprContext(new BprState(p, q, biases), LearningRate, Regularization, BiasRegularization);
        int[] slots = [.. negatives];
        BprBlocks.Step(in context, [.. pairs], slots);

        for (int u = 0; u < Users; u++)
        {
            for (int f = 0; f < k; f++)
            {
                ((double)p.Row(u)[f]).Should().BeApproximately(rp[u][f], 1e-5, $"p[{u}][{f}]");
            }
        }

        for (int i = 0; i < Items; i++)
        {
            for (int f = 0; f < k; f++)
            {
                ((double)q.Row(i)[f]).Should().BeApproximately(rq[i][f], 1e-5, $"q[{i}][{f}]");
            }
        }

        for (int i = 0; i < biases.Length; i++)
        {
            ((double)biases[i]).Should().BeApproximately(rb[i], 1e-5, $"b[{i}]");
        }

        float[] stepped = MemoryMarshal.Cast<int, float>(slots.AsSpan()).ToArray();
        for (int t = 0; t < stepped.Length; t++)
        {
            if (double.IsPositiveInfinity(rx[t]))
            {
                stepped[t].Should().Be(float.PositiveInfinity);
            }
            else
            {
                ((double)stepped[t]).Should().BeApproximately(rx[t], 1e-4, $"x of triple {t}");
            }
        }
    }
}
