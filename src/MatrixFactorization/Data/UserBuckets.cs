namespace MatrixFactorization.Data;

/// <summary>Buckets ratings that arrived in no particular order by user, with a stable counting
/// sort, so that each row is contiguous and keeps arrival order.</summary>
internal static class UserBuckets
{
    /// <summary>New arrays holding the ratings row by row, and each one's arrival index (for
    /// naming lines in errors).</summary>
    public static (int[] Items, float[] Values, uint[]? Times, int[] Arrival) Fill(
        ReadOnlySpan<int> users, int[] items, float[] values, uint[]? times, int[] offsets)
    {
        int n = users.Length;
        int[] next = offsets.AsSpan(0, offsets.Length - 1).ToArray();
        int[] rowItems = GC.AllocateUninitializedArray<int>(n);
        float[] rowValues = GC.AllocateUninitializedArray<float>(n);
        uint[]? rowTimes = times is null ? null : GC.AllocateUninitializedArray<uint>(n);
        int[] arrival = GC.AllocateUninitializedArray<int>(n);
        for (int k = 0; k < n; k++)
        {
            int slot = next[users[k]]++;
            rowItems[slot] = items[k];
            rowValues[slot] = values[k];
            arrival[slot] = k;
            if (rowTimes is not null)
            {
                rowTimes[slot] = times![k];
            }
        }

        return (rowItems, rowValues, rowTimes, arrival);
    }
}
