using MatrixFactorization.Data;

namespace MatrixFactorization.Training;

/// <summary>
/// One side of the rating matrix in compressed rows with the rating values: by user (the items each
/// user rated) or by item (the users). Offsets and indices are the store's own; only the item-major
/// values are copied, so the solver's inner loops read parallel arrays and nothing else.
/// </summary>
internal sealed class RatingRows
{
    private readonly RatingStore _store;
    private readonly RatingColumns? _columnsView;
    private readonly float[]? _values;

    private RatingRows(RatingStore store, RatingColumns? columnsView, float[]? values)
    {
        _store = store;
        _columnsView = columnsView;
        _values = values;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount => Offsets.Length - 1;

    /// <summary>Row r's ratings are [Offsets[r], Offsets[r + 1]).</summary>
    public ReadOnlySpan<int> Offsets => _columnsView is null ? _store.UserOffsets : _columnsView.ItemOffsets;

    /// <summary>The other side's index of each rating.</summary>
    public ReadOnlySpan<int> Columns => _columnsView is null ? _store.ItemIndices : _columnsView.UserIndices;

    /// <summary>Each rating's value.</summary>
    public ReadOnlySpan<float> Values => _values ?? _store.Values;

    /// <summary>The most ratings in any row.</summary>
    public int LongestRow
    {
        get
        {
            ReadOnlySpan<int> offsets = Offsets;
            int longest = 0;
            for (int r = 0; r + 1 < offsets.Length; r++)
            {
                longest = Math.Max(longest, offsets[r + 1] - offsets[r]);
            }

            return longest;
        }
    }

    /// <summary>The user rows of a store.</summary>
    public static RatingRows ByUser(RatingStore store) => new(store, null, null);

    /// <summary>The item rows of a store.</summary>
    public static RatingRows ByItem(RatingStore store)
    {
        RatingColumns columns = store.ByItem;
        ReadOnlySpan<int> positions = columns.Positions;
        ReadOnlySpan<float> values = store.Values;
        var byItem = new float[positions.Length];
        for (int k = 0; k < positions.Length; k++)
        {
            byItem[k] = values[positions[k]];
        }

        return new RatingRows(store, columns, byItem);
    }
}
