using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Splits;

/// <summary>
/// Splits a <see cref="RatingStore"/> into train and test stores: random holdout, k-fold, per-user
/// leave-k-out, and temporal splits. Every split is a pure function of the store and its options
/// (seed included), and test ratings of users or items unseen in training follow the options'
/// <see cref="ColdStartPolicy"/>.
/// </summary>
public static class RatingSplitter
{
    // Distinct stream purposes keep different kinds of split with the same seed independent.
    private const ulong HoldoutStream = 1;
    private const ulong KFoldStream = 2;
    private const ulong PerUserStream = 3;
    private const ulong TemporalStream = 4;
    private const ulong PerUserTemporalStream = 5;

    /// <summary>Draws a uniformly random test set of <c>round(TestFraction × Count)</c> ratings.</summary>
    /// <param name="store">The ratings.</param>
    /// <param name="options">The test fraction, seed and cold-start policy; defaults when null.</param>
    /// <returns>The split.</returns>
    public static RatingSplit Holdout(RatingStore store, HoldoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new HoldoutOptions();
        int n = store.Count;
        int testCount = (int)Math.Round(options.TestFraction * n);
        var random = SeededRandom.ForStream(options.Seed, HoldoutStream, 0);
        var order = Identity(n);

        // A partial Fisher–Yates shuffle: only the test prefix needs drawing.
        var isTest = new bool[n];
        for (int k = 0; k < testCount; k++)
        {
            int j = k + random.NextInt(n - k);
            (order[k], order[j]) = (order[j], order[k]);
            isTest[order[k]] = true;
        }

        return SplitAssembler.Assemble(store, isTest, options.ColdStart);
    }

    /// <summary>
    /// Partitions the ratings at random into <c>Folds</c> folds of sizes differing by at most one,
    /// and yields one split per fold with that fold as the test set.
    /// </summary>
    /// <param name="store">The ratings; at least as many as folds.</param>
    /// <param name="options">The fold count, seed and cold-start policy; defaults when null.</param>
    /// <returns>
    /// The splits in fold order, built lazily as they are enumerated so only one needs to be in
    /// memory at a time. Each enumeration yields the same splits.
    /// </returns>
    /// <exception cref="ArgumentException">The store has fewer ratings than folds.</exception>
    public static IEnumerable<RatingSplit> KFold(RatingStore store, KFoldOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new KFoldOptions();
        if (store.Count < options.Folds)
        {
            throw new ArgumentException($"The store has {store.Count} ratings, fewer than the {options.Folds} folds asked for.", nameof(store));
        }

        return Folds(store, options);

        static IEnumerable<RatingSplit> Folds(RatingStore store, KFoldOptions options)
        {
            int n = store.Count;
            var order = Identity(n);
            var random = SeededRandom.ForStream(options.Seed, KFoldStream, 0);
            random.Shuffle(order);
            for (int fold = 0; fold < options.Folds; fold++)
            {
                int start = (int)((long)n * fold / options.Folds);
                int end = (int)((long)n * (fold + 1) / options.Folds);
                var isTest = new bool[n];
                foreach (int p in order.AsSpan(start, end - start))
                {
                    isTest[p] = true;
                }

                yield return SplitAssembler.Assemble(store, isTest, options.ColdStart);
            }
        }
    }

    /// <summary>
    /// Holds out, from each user with at least <c>MinRatings</c> ratings, <c>TestCount</c> ratings
    /// (or <c>TestFraction</c> of them) chosen at random; other users stay wholly in the train set.
    /// </summary>
    /// <param name="store">The ratings.</param>
    /// <param name="options">How many to hold out, the minimum, seed and cold-start policy; defaults when null.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><c>MinRatings</c> does not exceed <c>TestCount</c>.</exception>
    public static RatingSplit PerUser(RatingStore store, PerUserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new PerUserOptions();
        options.Validate();
        var random = SeededRandom.ForStream(options.Seed, PerUserStream, 0);
        ReadOnlySpan<int> offsets = store.UserOffsets;
        var isTest = new bool[store.Count];
        var row = new int[MaxRowLength(store)];
        int belowMinimum = 0;
        for (int u = 0; u < store.UserCount; u++)
        {
            int start = offsets[u], count = offsets[u + 1] - start;
            int testCount = options.TestCountFor(count);
            if (testCount == 0)
            {
                belowMinimum += count > 0 ? 1 : 0;
                continue;
            }

            for (int k = 0; k < count; k++)
            {
                row[k] = start + k;
            }

            for (int k = 0; k < testCount; k++)
            {
                int j = k + random.NextInt(count - k);
                (row[k], row[j]) = (row[j], row[k]);
                isTest[row[k]] = true;
            }
        }

        return SplitAssembler.Assemble(store, isTest, options.ColdStart, belowMinimum);
    }

    /// <summary>
    /// Puts the latest ratings in the test set: those at or after <c>Cutoff</c> when it is set,
    /// otherwise the latest <c>TestFraction</c> of all ratings. Every test rating is then at least
    /// as recent as every train rating.
    /// </summary>
    /// <param name="store">The ratings, with timestamps.</param>
    /// <param name="options">The cut-off or fraction, seed (for ties in time) and cold-start policy; defaults when null.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentException">The store has no timestamps.</exception>
    public static RatingSplit Temporal(RatingStore store, TemporalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new TemporalOptions();
        TimeKeys.RequireTimestamps(store, "temporal");
        int n = store.Count;
        var isTest = new bool[n];
        if (options.Cutoff is long cutoff)
        {
            for (int p = 0; p < n; p++)
            {
                isTest[p] = store.GetTimestamp(p) >= cutoff;
            }
        }
        else
        {
            var random = SeededRandom.ForStream(options.Seed, TemporalStream, 0);
            ulong[] keys = TimeKeys.Build(store, ref random);
            int[] order = Identity(n);
            Array.Sort(keys, order);
            int testCount = (int)Math.Round(options.TestFraction * n);
            foreach (int p in order.AsSpan(n - testCount))
            {
                isTest[p] = true;
            }
        }

        return SplitAssembler.Assemble(store, isTest, options.ColdStart);
    }

    /// <summary>
    /// Holds out each eligible user's latest <c>TestCount</c> ratings (or latest <c>TestFraction</c>
    /// of them); users with fewer than <c>MinRatings</c> stay wholly in the train set. Within a
    /// user, every test rating is at least as recent as every train rating.
    /// </summary>
    /// <param name="store">The ratings, with timestamps.</param>
    /// <param name="options">How many to hold out, the minimum, seed (for ties in time) and cold-start policy; defaults when null.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentException">The store has no timestamps.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><c>MinRatings</c> does not exceed <c>TestCount</c>.</exception>
    public static RatingSplit PerUserTemporal(RatingStore store, PerUserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new PerUserOptions();
        options.Validate();
        TimeKeys.RequireTimestamps(store, "per-user temporal");
        var random = SeededRandom.ForStream(options.Seed, PerUserTemporalStream, 0);
        ulong[] keys = TimeKeys.Build(store, ref random);
        ReadOnlySpan<int> offsets = store.UserOffsets;
        var isTest = new bool[store.Count];
        var row = new int[MaxRowLength(store)];
        int belowMinimum = 0;
        for (int u = 0; u < store.UserCount; u++)
        {
            int start = offsets[u], count = offsets[u + 1] - start;
            int testCount = options.TestCountFor(count);
            if (testCount == 0)
            {
                belowMinimum += count > 0 ? 1 : 0;
                continue;
            }

            Span<int> positions = row.AsSpan(0, count);
            for (int k = 0; k < count; k++)
            {
                positions[k] = start + k;
            }

            keys.AsSpan(start, count).Sort(positions);
            foreach (int p in positions[(count - testCount)..])
            {
                isTest[p] = true;
            }
        }

        return SplitAssembler.Assemble(store, isTest, options.ColdStart, belowMinimum);
    }

    private static int[] Identity(int n)
    {
        var order = new int[n];
        for (int k = 0; k < n; k++)
        {
            order[k] = k;
        }

        return order;
    }

    private static int MaxRowLength(RatingStore store)
    {
        ReadOnlySpan<int> offsets = store.UserOffsets;
        int max = 0;
        for (int u = 0; u < store.UserCount; u++)
        {
            max = Math.Max(max, offsets[u + 1] - offsets[u]);
        }

        return max;
    }
}
