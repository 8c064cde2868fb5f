using System.Globalization;

namespace MatrixFactorization.Data;

/// <summary>
/// Picks a column of a rating file or query result, either by 0-based index or by header name
/// (matched ignoring case). Converts implicitly from <see cref="int"/> and <see cref="string"/>,
/// so options can say <c>UserColumn = 0</c> or <c>UserColumn = "customer_id"</c>.
/// </summary>
public readonly record struct ColumnSelector
{
    private ColumnSelector(int? index, string? name)
    {
        Index = index;
        Name = name;
    }

    /// <summary>The 0-based column index, or null when the column is picked by name.</summary>
    public int? Index { get; }

    /// <summary>The header name, or null when the column is picked by index.</summary>
    public string? Name { get; }

    /// <summary>Picks a column by its 0-based index.</summary>
    /// <param name="index">A non-negative index.</param>
    /// <returns>The selector.</returns>
    public static ColumnSelector ByIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new ColumnSelector(index, null);
    }

    /// <summary>Picks a column by its header name, ignoring case.</summary>
    /// <param name="name">A non-empty name.</param>
    /// <returns>The selector.</returns>
    public static ColumnSelector ByName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ColumnSelector(null, name.Trim());
    }

    /// <summary>Picks a column by its 0-based index.</summary>
    /// <param name="index">A non-negative index.</param>
    public static implicit operator ColumnSelector(int index) => ByIndex(index);

    /// <summary>Picks a column by its header name, ignoring case.</summary>
    /// <param name="name">A non-empty name.</param>
    public static implicit operator ColumnSelector(string name) => ByName(name);

    /// <summary>Picks a column by its 0-based index.</summary>
    /// <param name="index">A non-negative index.</param>
    /// <returns>The selector.</returns>
    public static ColumnSelector FromInt32(int index) => ByIndex(index);

    /// <summary>Picks a column by its header name, ignoring case.</summary>
    /// <param name="name">A non-empty name.</param>
    /// <returns>The selector.</returns>
    public static ColumnSelector FromString(string name) => ByName(name);

    /// <inheritdoc/>
    public override string ToString() => Name is null
        ? string.Create(CultureInfo.InvariantCulture, $"column {Index}")
        : $"column '{Name}'";
}
