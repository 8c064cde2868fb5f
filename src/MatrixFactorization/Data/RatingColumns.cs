namespace MatrixFactorization.Data;

/// <summary>
/// The item-major (CSC) view of a <see cref="RatingStore"/>: for each item, the users who rated it
/// and the store positions of those ratings, users ascending.
/// </summary>
public sealed class RatingColumns
{
    private readonly int[] _itemOffsets;
    private readonly int[] _users;
    private readonly int[] _positions;

    private RatingColumns(int[] itemOffsets, int[] users, int[] positions)
    {
        _itemOffsets = itemOffsets;
        _users = users;
        _positions = positions;
    }

    /// <summary>Column offsets: item <c>i</c>'s entries are <c>ItemOffsets[i]</c> to <c>ItemOffsets[i + 1] - 1</c>.</summary>
    public ReadOnlySpan<int> ItemOffsets => _itemOffsets;

    /// <summary>The dense user index of each entry.</summary>
    public ReadOnlySpan<int> UserIndices => _users;

    /// <summary>The store position of each entry (use it to read the value or timestamp).</summary>
    public ReadOnlySpan<int> Positions => _positions;

    /// <summary>The users who rated an item, ascending.</summary>
    /// <param name="item">A dense item index.</param>
    /// <returns>The users.</returns>
    public ReadOnlySpan<int> GetUsers(int item) => _users.AsSpan(_itemOffsets[item], _itemOffsets[item + 1] - _itemOffsets[item]);

    /// <summary>The store positions of an item's ratings, parallel to <see cref="GetUsers"/>.</summary>
    /// <param name="item">A dense item index.</param>
    /// <returns>The positions.</returns>
    public ReadOnlySpan<int> GetPositions(int item) => _positions.AsSpan(_itemOffsets[item], _itemOffsets[item + 1] - _itemOffsets[item]);

    /// <summary>Bytes held by this view.</summary>
    public long SizeInBytes => (_itemOffsets.LongLength + _users.LongLength + _positions.LongLength) * sizeof(int);

    internal static RatingColumns Build(RatingStore store)
    {
        ReadOnlySpan<int> items = store.ItemIndices;
        ReadOnlySpan<int> users = store.UserIndices;
        var offsets = new int[store.ItemCount + 1];
        foreach (int item in items)
        {
            offsets[item + 1]++;
        }

        for (int i = 0; i < store.ItemCount; i++)
        {
            offsets[i + 1] += offsets[i];
        }

        // Counting sort; walking the store in order keeps users ascending within each column.
        var next = offsets.AsSpan(0, store.ItemCount).ToArray();
        var columnUsers = new int[items.Length];
        var positions = new int[items.Length];
        for (int p = 0; p < items.Length; p++)
        {
            int slot = next[items[p]]++;
            columnUsers[slot] = users[p];
            positions[slot] = p;
        }

        return new RatingColumns(offsets, columnUsers, positions);
    }
}
