namespace MatrixFactorization.Training;

/// <summary>
/// How many interactions each block row of a <see cref="BprGrid"/> holds with each of its items:
/// an epoch's block sizes are sums of these over the items of each column, so sorting a row into
/// its blocks needs no pass over its interactions to count them.
/// </summary>
/// <remarks>
/// Only the items a row has are listed, so the lists hold at most one entry per interaction and
/// usually far fewer (at most the row count times the items).
/// </remarks>
internal sealed class BprRowItemCounts
{
    private readonly int[] _offsets;
    private readonly int[] _items;
    private readonly int[] _counts;

    private BprRowItemCounts(int[] offsets, int[] items, int[] counts)
    {
        _offsets = offsets;
        _items = items;
        _counts = counts;
    }

    /// <summary>Counts the items of each row: row r holds the interactions with <paramref name="items"/>[<paramref name="rowOffsets"/>[r] .. <paramref name="rowOffsets"/>[r + 1]).</summary>
    public static BprRowItemCounts Of(ReadOnlySpan<int> items, ReadOnlySpan<int> rowOffsets, int itemCount)
    {
        int rows = rowOffsets.Length - 1;
        var offsets = new int[rows + 1];
        var tally = new int[itemCount];
        var listed = new List<int>();
        var counts = new List<int>();
        var seen = new List<int>();
        for (int r = 0; r < rows; r++)
        {
            foreach (int item in items[rowOffsets[r]..rowOffsets[r + 1]])
            {
                if (tally[item]++ == 0)
                {
                    seen.Add(item);
                }
            }

            foreach (int item in seen)
            {
                listed.Add(item);
                counts.Add(tally[item]);
                tally[item] = 0;
            }

            seen.Clear();
            offsets[r + 1] = listed.Count;
        }

        return new BprRowItemCounts(offsets, [.. listed], [.. counts]);
    }

    /// <summary>The items row <paramref name="row"/> has interactions with, in the order first met.</summary>
    public ReadOnlySpan<int> Items(int row) => _items.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>How many interactions row <paramref name="row"/> has with each of <see cref="Items"/>, in the same order.</summary>
    public ReadOnlySpan<int> Counts(int row) => _counts.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);
}
