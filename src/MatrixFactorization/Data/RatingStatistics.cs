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

    internal static RatingStatistics Compute(RatingStore store)
    {
        ReadOnlySpan<int> offsets = store.UserOffsets;
        ReadOnlySpan<int> items = store.ItemIndices;
        ReadOnlySpan<float> values = store.Values;
        var userCounts = new int[store.UserCount];
        var itemCounts = new int[store.ItemCount];
        var userSums = new double[store.UserCount];
        var itemSums = new double[store.ItemCount];
        double sum = 0;
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int u = 0; u < store.UserCount; u++)
        {
            // Row by row, so the store's user column is never needed.
            for (int k = offsets[u]; k < offsets[u + 1]; k++)
            {
                float v = values[k];
                sum += v;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
                userCounts[u]++;
                userSums[u] += v;
                itemCounts[items[k]]++;
                itemSums[items[k]] += v;
            }
        }

        var scale = values.Length == 0 ? default : new RatingScale(min, max, DetectStep(values, min, max));
        return new RatingStatistics(
            values.Length,
            values.Length == 0 ? 0 : sum / values.Length,
            scale,
            userCounts,
            Means(userSums, userCounts),
            itemCounts,
            Means(itemSums, itemCounts));
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

            bool fits = true;
            foreach (float v in values)
            {
                double units = (v - min) / step;
                if (Math.Abs(units - Math.Round(units)) > 1e-3)
                {
                    fits = false;
                    break;
                }
            }

            if (fits)
            {
                return step;
            }
        }

        return null;
    }
}
