using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>Zipf-like popularity weights, and how many ratings each user gets under them.</summary>
internal static class Popularity
{
    /// <summary>
    /// Weight <c>rank^-exponent</c> for each index, where the popularity ranks 1..n are a seeded
    /// permutation, so popular users and items are spread over the id range instead of being the low ids.
    /// </summary>
    public static double[] Weights(int count, double exponent, ulong seed, ulong purpose)
    {
        var ranks = new int[count];
        for (int k = 0; k < count; k++)
        {
            ranks[k] = k;
        }

        SeededRandom.ForStream(seed, purpose, 0).Shuffle(ranks);
        var weights = new double[count];
        for (int k = 0; k < count; k++)
        {
            weights[k] = Math.Pow(ranks[k] + 1, -exponent);
        }

        return weights;
    }

    /// <summary>
    /// Splits <paramref name="total"/> ratings among users in proportion to their weights, with no
    /// user above <paramref name="cap"/> (the item count): the excess of capped users is shared out
    /// among the rest in proportion, and fractions are resolved by largest remainder, so the counts
    /// add up to <paramref name="total"/> exactly.
    /// </summary>
    public static int[] Counts(double[] weights, long total, int cap)
    {
        int n = weights.Length;
        var counts = new int[n];
        if (total == (long)n * cap)
        {
            Array.Fill(counts, cap);
            return counts;
        }

        // Find the largest scale λ with Σ min(cap, λ·w) ≤ total by bisection; the sum is monotone in λ.
        double max = 0;
        foreach (double w in weights)
        {
            max = Math.Max(max, w);
        }

        double low = 0, high = cap / max;
        while (Allotted(weights, high, cap) < total)
        {
            high *= 2;
        }

        for (int iteration = 0; iteration < 200 && low < high; iteration++)
        {
            double middle = low + ((high - low) / 2);
            if (middle <= low || middle >= high)
            {
                break;
            }

            if (Allotted(weights, middle, cap) <= total)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        // Largest fractional part first, ties to the lower index: the keys are distinct, so the
        // order does not depend on the sort algorithm.
        var order = new (double Shortfall, int Index)[n];
        long given = 0;
        for (int k = 0; k < n; k++)
        {
            double share = Math.Min(cap, low * weights[k]);
            counts[k] = (int)Math.Floor(share);
            given += counts[k];
            order[k] = (counts[k] - share, k);
        }

        Array.Sort(order);
        long remaining = total - given;
        while (remaining > 0)
        {
            foreach ((_, int k) in order)
            {
                if (remaining == 0)
                {
                    break;
                }

                if (counts[k] < cap)
                {
                    counts[k]++;
                    remaining--;
                }
            }
        }

        return counts;
    }

    private static double Allotted(double[] weights, double scale, int cap)
    {
        double sum = 0;
        foreach (double w in weights)
        {
            sum += Math.Min(cap, scale * w);
        }

        return sum;
    }
}
