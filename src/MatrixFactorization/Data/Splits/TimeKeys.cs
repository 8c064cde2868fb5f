using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Splits;

/// <summary>Sort keys that order ratings by time and break ties in time at random.</summary>
/// <remarks>
/// Real data has many ratings in the same second (MovieLens users rate in bursts); breaking those
/// ties by store position would send high item indices to the test set, so a seeded random
/// number fills the low half of each key instead.
/// </remarks>
internal static class TimeKeys
{
    public static void RequireTimestamps(RatingStore store, string split)
    {
        if (!store.HasTimestamps)
        {
            throw new ArgumentException(
                $"A {split} split needs timestamps, but this store has none. Load data with a timestamp column; a store keeps timestamps only when every rating has one (BuildReport.RatingsWithoutTimestamp counts the ones that did not).",
                nameof(store));
        }
    }

    public static ulong[] Build(RatingStore store, ref SeededRandom random)
    {
        int n = store.Count;
        long first = long.MaxValue;
        for (int p = 0; p < n; p++)
        {
            first = Math.Min(first, store.GetTimestamp(p));
        }

        var keys = new ulong[n];
        for (int p = 0; p < n; p++)
        {
            // The store holds times as 32-bit offsets from its earliest one, so the difference fits.
            ulong time = (ulong)(store.GetTimestamp(p) - first);
            keys[p] = (time << 32) | (uint)random.NextUInt64();
        }

        return keys;
    }
}
