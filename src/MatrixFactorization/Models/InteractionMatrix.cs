using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// A sparse matrix in compressed rows: for each row, the distinct columns that hold an entry,
/// ascending, and the entries. The interaction matrix X of an item-item model (a row per user, a
/// column per item) and its transpose.
/// </summary>
internal sealed class InteractionMatrix
{
    private readonly int[] _offsets;
    private readonly int[] _columns;
    private readonly float[] _values;

    /// <summary>Wraps compressed rows after checking them.</summary>
    /// <exception cref="ArgumentException">The offsets do not start at 0 and rise to the entry count, a row's columns are not ascending, distinct and in range, or a value is not finite.</exception>
    public InteractionMatrix(int[] offsets, int[] columns, float[] values, int columnCount)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != columns.Length || values.Length != columns.Length)
        {
            throw new ArgumentException($"The row offsets must run from 0 to the {columns.Length} entries, one value each.", nameof(offsets));
        }

        for (int row = 0; row + 1 < offsets.Length; row++)
        {
            if (offsets[row + 1] < offsets[row])
            {
                throw new ArgumentException($"The row offsets fall at row {row}.", nameof(offsets));
            }

            int previous = -1;
            for (int k = offsets[row]; k < offsets[row + 1]; k++)
            {
                if (columns[k] <= previous || columns[k] >= columnCount)
                {
                    throw new ArgumentException(
                        $"Row {row} must list distinct columns in [0, {columnCount}) in ascending order; entry {k} is {columns[k]}.", nameof(columns));
                }

                if (!float.IsFinite(values[k]))
                {
                    throw new ArgumentException($"Entry {k} of row {row} is {values[k]}; entries must be finite.", nameof(values));
                }

                previous = columns[k];
            }
        }

        _offsets = offsets;
        _columns = columns;
        _values = values;
        ColumnCount = columnCount;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount => _offsets.Length - 1;

    /// <summary>The number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>The number of entries.</summary>
    public int Count => _columns.Length;

    /// <summary>Row offsets: row r's entries are <c>Offsets[r]</c> to <c>Offsets[r + 1] − 1</c>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>The column of every entry, row by row.</summary>
    public ReadOnlySpan<int> Columns => _columns;

    /// <summary>Every entry, row by row.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The columns of one row, ascending.</summary>
    public ReadOnlySpan<int> Row(int row) => _columns.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>The entries of one row, in the order of <see cref="Row"/>.</summary>
    public ReadOnlySpan<float> RowValues(int row) => _values.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>Every stored (user, item) pair of a store, weighted as asked (a store holds each pair once, items ascending within a user).</summary>
    /// <exception cref="ArgumentException">Rating weighting of a store whose top rating is not above 0.</exception>
    public static InteractionMatrix FromStore(RatingStore store, InteractionWeighting weighting)
    {
        var values = new float[store.Count];
        if (weighting == InteractionWeighting.Binary)
        {
            values.AsSpan().Fill(1f);
        }
        else
        {
            float top = store.Statistics.Scale.Max;
            if (!(top > 0))
            {
                throw new ArgumentException($"Rating weighting divides by the top rating, which is {top}; use Binary weighting for this data.", nameof(weighting));
            }

            ReadOnlySpan<float> ratings = store.Values;
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = ratings[k] / top;
            }
        }

        return new(store.UserOffsets.ToArray(), store.ItemIndices.ToArray(), values, store.ItemCount);
    }

    /// <summary>The transpose: a row per column of this matrix, listing the rows that hold an entry in it, with the entries.</summary>
    public InteractionMatrix Transpose()
    {
        var offsets = new int[ColumnCount + 1];
        foreach (int column in _columns)
        {
            offsets[column + 1]++;
        }

        for (int c = 0; c < ColumnCount; c++)
        {
            offsets[c + 1] += offsets[c];
        }

        // Walking the rows in order keeps each transposed row ascending.
        var next = offsets[..ColumnCount];
        var rows = new int[_columns.Length];
        var values = new float[_columns.Length];
        for (int r = 0; r < RowCount; r++)
        {
            for (int k = _offsets[r]; k < _offsets[r + 1]; k++)
            {
                int slot = next[_columns[k]]++;
                rows[slot] = r;
                values[slot] = _values[k];
            }
        }

        return new InteractionMatrix(offsets, rows, values, RowCount);
    }

    /// <summary>How many entries each column holds.</summary>
    public float[] ColumnCounts()
    {
        var counts = new float[ColumnCount];
        foreach (int column in _columns)
        {
            counts[column]++;
        }

        return counts;
    }
}
