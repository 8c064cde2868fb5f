namespace MatrixFactorization.Data;

/// <summary>One user's ratings: parallel spans of item indices (ascending) and values.</summary>
public readonly ref struct RatingRow
{
    internal RatingRow(int start, ReadOnlySpan<int> items, ReadOnlySpan<float> values)
    {
        Start = start;
        Items = items;
        Values = values;
    }

    /// <summary>The store position of the first rating in this row.</summary>
    public int Start { get; }

    /// <summary>The dense item indices, ascending.</summary>
    public ReadOnlySpan<int> Items { get; }

    /// <summary>The rating values, parallel to <see cref="Items"/>.</summary>
    public ReadOnlySpan<float> Values { get; }

    /// <summary>The number of ratings in the row.</summary>
    public int Length => Items.Length;
}
