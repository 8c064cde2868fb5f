namespace MatrixFactorization.Data;

/// <summary>
/// The ratings of a read in the order the data gave them, as dense indices into the store's id
/// maps, each with the line it came from. A store is ordered by user and item, so this is what a
/// caller needs who must answer line by line, as a prediction file does.
/// </summary>
/// <remarks>Every rating read is listed, repeated pairs included: the duplicate policy shapes the
/// store, not this list. Skipped lines are absent.</remarks>
public sealed class FileOrder
{
    private readonly int[] _users;
    private readonly int[] _items;
    private readonly float[] _values;
    private readonly LineIndex _lines;

    internal FileOrder(int[] users, int[] items, float[] values, LineIndex lines)
    {
        _users = users;
        _items = items;
        _values = values;
        _lines = lines;
    }

    /// <summary>The number of ratings read.</summary>
    public int Count => _values.Length;

    /// <summary>The dense user index of each rating, in file order (an index of the store's <see cref="RatingStore.Users"/>).</summary>
    public ReadOnlySpan<int> Users => _users;

    /// <summary>The dense item index of each rating, in file order (an index of the store's <see cref="RatingStore.Items"/>).</summary>
    public ReadOnlySpan<int> Items => _items;

    /// <summary>The value of each rating, in file order.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The 1-based line (or database row) the rating at <paramref name="index"/> came from.</summary>
    /// <param name="index">A position in [0, <see cref="Count"/>).</param>
    /// <returns>The line number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside [0, Count).</exception>
    public long LineOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _lines.LineOf(index);
    }
}
