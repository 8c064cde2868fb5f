using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>
/// Weighted sampling without replacement by exponential keys (Efraimidis–Spirakis): give every
/// item the key <c>E / w</c> with E standard exponential, and take the items of the smallest keys.
/// </summary>
/// <remarks>
/// It costs O(items) whatever the sample size, so it suits users who rate a large share of the
/// items, where drawing and rejecting repeats would mostly hit items already chosen.
/// </remarks>
internal static class ExponentialKeys
{
    /// <summary>Sets the bits of <paramref name="count"/> items drawn without replacement.</summary>
    public static void Sample(ref SeededRandom random, ReadOnlySpan<double> weights, int count, Span<double> keys, Span<double> work, Span<ulong> chosen)
    {
        int n = weights.Length;
        for (int i = 0; i < n; i++)
        {
            // 1 - U is in (0, 1], so the logarithm is finite.
            keys[i] = -Math.Log(1 - random.NextDouble()) / weights[i];
        }

        keys.CopyTo(work);
        double threshold = Select(work[..n], count - 1);

        // Keys are continuous, so ties at the threshold are all but impossible; counting keeps
        // the sample size exact even then.
        int taken = 0;
        for (int pass = 0; pass < 2 && taken < count; pass++)
        {
            for (int i = 0; i < n && taken < count; i++)
            {
                if (pass == 0 ? keys[i] < threshold : keys[i] == threshold)
                {
                    chosen[i >> 6] |= 1UL << i;
                    taken++;
                }
            }
        }
    }

    /// <summary>The k-th smallest value (0-based), by quickselect; reorders <paramref name="values"/>.</summary>
    private static double Select(Span<double> values, int k)
    {
        int low = 0, high = values.Length - 1;
        while (low < high)
        {
            double pivot = MedianOfThree(values[low], values[low + ((high - low) / 2)], values[high]);
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                high = j;
            }
            else if (k >= i)
            {
                low = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
