namespace MatrixFactorization.Data;

/// <summary>Ratings laid out row by row (contiguous per user, not yet ordered by item), with the
/// way back to each rating's arrival index for error messages.</summary>
internal readonly ref struct RowSource
{
    private readonly ReadOnlySpan<int> _arrival;

    public RowSource(ReadOnlySpan<int> items, ReadOnlySpan<float> values, ReadOnlySpan<uint> times, ReadOnlySpan<int> arrival)
    {
        Items = items;
        Values = values;
        Times = times;
        _arrival = arrival;
    }

    public ReadOnlySpan<int> Items { get; }

    public ReadOnlySpan<float> Values { get; }

    /// <summary>Wrapped timestamp offsets, or empty.</summary>
    public ReadOnlySpan<uint> Times { get; }

    /// <summary>Buckets ratings by user with a stable counting sort, keeping arrival order within
    /// each row.</summary>
    public static RowSource ByUser(ReadOnlySpan<int> users, ReadOnlySpan<int> items, ReadOnlySpan<float> values, ReadOnlySpan<uint> times, int[] offsets)
    {
        int n = users.Length;
        var next = offsets.AsSpan(0, offsets.Length - 1).ToArray();
        var rowItems = new int[n];
        var rowValues = new float[n];
        uint[] rowTimes = times.IsEmpty ? [] : new uint[n];
        var arrival = new int[n];
        for (int k = 0; k < n; k++)
        {
            int slot = next[users[k]]++;
            rowItems[slot] = items[k];
            rowValues[slot] = values[k];
            arrival[slot] = k;
            if (rowTimes.Length != 0)
            {
                rowTimes[slot] = times[k];
            }
        }

        return new RowSource(rowItems, rowValues, rowTimes, arrival);
    }

    /// <summary>The arrival index of the rating at <paramref name="offset"/> into the row starting at <paramref name="start"/>.</summary>
    public int ArrivalOf(int start, int offset) => _arrival.IsEmpty ? start + offset : _arrival[start + offset];
}
