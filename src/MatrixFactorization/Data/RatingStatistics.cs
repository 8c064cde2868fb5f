using System.Numerics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>Counts, means and the observed rating scale of a <see cref="RatingStore"/>.</summary>
public sealed class RatingStatistics
{
    private readonly int[] _userCounts;
    private readonly float[] _userMeans;
    private readonly int[] _itemCounts;
    private readonly float[] _itemMeans;

    private RatingStatistics(int count, double mean, RatingScale scale, int[] userCounts, float[] userMeans, int[] itemCounts, float[] itemMeans)
    {
        Count = count;
        GlobalMean = mean;
        Scale = scale;
        _userCounts = userCounts;
        _userMeans = userMeans;
        _itemCounts = itemCounts;
        _itemMeans = itemMeans;
        UsersWithRatings = userCounts.Count(c => c > 0);
        ItemsWithRatings = itemCounts.Count(c => c > 0);
    }

    /// <summary>The number of ratings.</summary>
    public int Count { get; }

    /// <summary>The mean of all ratings (0 for an empty store).</summary>
    public double GlobalMean { get; }

    /// <summary>The observed scale: smallest and largest rating, and the step when every value is on one grid.</summary>
    public RatingScale Scale { get; }

    /// <summary>Users with at least one rating.</summary>
    public int UsersWithRatings { get; }

    /// <summary>Items with at least one rating.</summary>
    public int ItemsWithRatings { get; }

    /// <summary>Fraction of the user × item matrix that is rated, over users and items with ratings.</summary>
    public double Density => UsersWithRatings == 0 || ItemsWithRatings == 0 ? 0 : Count / ((double)UsersWithRatings * ItemsWithRatings);

    /// <summary>One minus <see cref="Density"/>.</summary>
    public double Sparsity => 1 - Density;

    /// <summary>Ratings per dense user index.</summary>
    public ReadOnlySpan<int> UserCounts => _userCounts;

    /// <summary>Mean rating per dense user index (0 for a user without ratings).</summary>
    public ReadOnlySpan<float> UserMeans => _userMeans;

    /// <summary>Ratings per dense item index.</summary>
    public ReadOnlySpan<int> ItemCounts => _itemCounts;

    /// <summary>Mean rating per dense item index (0 for an item without ratings).</summary>
    public ReadOnlySpan<float> ItemMeans => _itemMeans;

    internal static RatingStatistics Compute(RatingStore store) =>
        Compute(store, store.Count >= ParallelThreshold ? Parts : 1);

    /// <summary>The statistics, tallied over <paramref name="parts"/> ranges of users in parallel.</summary>
    internal static RatingStatistics Compute(RatingStore store, int parts)
    {
        ReadOnlySpan<int> offsets = store.UserOffsets;
        var userCounts = new int[store.UserCount];
        var userSums = new double[store.UserCount];
        for (int u = 0; u < userCounts.Length; u++)
        {
            userCounts[u] = offsets[u + 1] - offsets[u];
        }

        // Ranges of users, row by row (so the store's user column is never needed), each with its
        // own item tallies, merged in range order afterwards. The ranges depend on the data alone,
        // so the sums, and so every mean, are the same whatever the number of processors.
        var partials = new Partial[parts];
        Parallel.For(0, parts, part =>
        {
            (int from, int to) = EvenParts.Of(store.UserCount, parts, part);
            partials[part] = Tally(store, from, to, userSums);
        });

        Partial total = partials[0];
        for (int part = 1; part < parts; part++)
        {
            total.Add(partials[part]);
        }

        ReadOnlySpan<float> all = store.Values;
        var scale = all.Length == 0 ? default : new RatingScale(total.Min, total.Max, DetectStep(all, total.Min, total.Max));
        return new RatingStatistics(
            all.Length,
            all.Length == 0 ? 0 : total.Sum / all.Length,
            scale,
            userCounts,
            Means(userSums, userCounts),
            total.ItemCounts,
            Means(total.ItemSums, total.ItemCounts));
    }

    private const int ParallelThreshold = 1 << 20;
    private const int Parts = 4;

    /// <summary>The tallies of one range of users.</summary>
    private sealed class Partial(int items)
    {
        public readonly int[] ItemCounts = new int[items];
        public readonly double[] ItemSums = new double[items];
        public double Sum;
        public float Min = float.PositiveInfinity;
        public float Max = float.NegativeInfinity;

        public void Add(Partial other)
        {
            for (int i = 0; i < ItemCounts.Length; i++)
            {
                ItemCounts[i] += other.ItemCounts[i];
                ItemSums[i] += other.ItemSums[i];
            }

            Sum += other.Sum;
            Min = Math.Min(Min, other.Min);
            Max = Math.Max(Max, other.Max);
        }
    }

    // One pass over the ratings of users [from, to). It runs once per store, so it is compiled
    // fully optimized at once rather than starting in unoptimized code that is replaced mid-loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Partial Tally(RatingStore store, int from, int to, double[] userSums)
    {
        var partial = new Partial(store.ItemCount);
        ReadOnlySpan<int> rows = store.UserOffsets;
        ReadOnlySpan<int> items = store.ItemIndices;
        ReadOnlySpan<float> values = store.Values;
        int[] itemCounts = partial.ItemCounts;
        double[] itemSums = partial.ItemSums;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        double sum = 0;
        for (int u = from; u < to; u++)
        {
            double userSum = 0;
            for (int k = rows[u]; k < rows[u + 1]; k++)
            {
                float v = values[k];
                userSum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                itemCounts[items[k]]++;
                itemSums[items[k]] += v;
            }

            userSums[u] = userSum;
            sum += userSum;
        }

        (partial.Sum, partial.Min, partial.Max) = (sum, min, max);
        return partial;
    }

    private static float[] Means(double[] sums, int[] counts)
    {
        var means = new float[sums.Length];
        for (int k = 0; k < sums.Length; k++)
        {
            means[k] = counts[k] == 0 ? 0 : (float)(sums[k] / counts[k]);
        }

        return means;
    }

    // The step is the largest grid spacing (from a short list of the ones rating scales use) on
    // which every value lies; null when none fits, as for real-valued ratings.
    private static float? DetectStep(ReadOnlySpan<float> values, float min, float max)
    {
        if (min == max)
        {
            return null;
        }

        ReadOnlySpan<float> candidates = [1f, 0.5f, 0.25f, 0.2f, 0.1f, 0.05f, 0.01f];
        foreach (float step in candidates)
        {
            if (step > max - min)
            {
                continue;
            }

            bool fits = OnGrid(values, min, step);
            if (fits)
            {
                return step;
            }
        }

        return null;
    }

    // Whether every value is within 10^-3 steps of min + k·step, computed as the scalar form
    // |u − round(u)| > 10^-3 with u = (v − min) / step in single precision, a vector at a time.
    // u − round(u) is exact in single precision (the two are within a factor of two, or round(u)
    // is 0), so comparing it with the largest float not above 10^-3 decides exactly as the double
    // comparison does. Compiled fully optimized at once: it runs once per load over every value.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool OnGrid(ReadOnlySpan<float> values, float min, float step)
    {
        float tolerance = MathF.BitDecrement(0.001f);
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var mins = new Vector<float>(min);
            var steps = new Vector<float>(step);
            var tolerances = new Vector<float>(tolerance);
            for (; k <= values.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                Vector<float> units = (new Vector<float>(values[k..]) - mins) / steps;
                if (Vector.GreaterThanAny(Vector.Abs(units - Vector.Round(units)), tolerances))
                {
                    return false;
                }
            }
        }

        for (; k < values.Length; k++)
        {
            float units = (values[k] - min) / step;
            if (MathF.Abs(units - MathF.Round(units)) > tolerance)
            {
                return false;
            }
        }

        return true;
    }
}
