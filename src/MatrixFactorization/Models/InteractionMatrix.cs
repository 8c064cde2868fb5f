using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// A binary sparse matrix in compressed rows: for each row, the distinct columns holding a 1,
/// ascending. The interaction matrix X of an item-item model (a row per user, a column per item:
/// the user interacted with the item) and its transpose.
/// </summary>
internal sealed class InteractionMatrix
{
    private readonly int[] _offsets;
    private readonly int[] _columns;

    /// <summary>Wraps compressed rows after checking them.</summary>
    /// <exception cref="ArgumentException">The offsets do not start at 0 and rise to the column count, or a row's columns are not ascending, distinct and in range.</exception>
    public InteractionMatrix(int[] offsets, int[] columns, int columnCount)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != columns.Length)
        {
            throw new ArgumentException($"The row offsets must run from 0 to the {columns.Length} entries.", nameof(offsets));
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

                previous = columns[k];
            }
        }

        _offsets = offsets;
        _columns = columns;
        ColumnCount = columnCount;
    }

    /// <summary>The number of rows.</summary>
    public int RowCount => _offsets.Length - 1;

    /// <summary>The number of columns.</summary>
    public int ColumnCount { get; }

    /// <summary>The number of ones.</summary>
    public int Count => _columns.Length;

    /// <summary>Row offsets: row r's columns are entries <c>Offsets[r]</c> to <c>Offsets[r + 1] − 1</c>.</summary>
    public ReadOnlySpan<int> Offsets => _offsets;

    /// <summary>The column of every entry, row by row.</summary>
    public ReadOnlySpan<int> Columns => _columns;

    /// <summary>The columns of one row, ascending.</summary>
    public ReadOnlySpan<int> Row(int row) => _columns.AsSpan(_offsets[row], _offsets[row + 1] - _offsets[row]);

    /// <summary>Every stored (user, item) pair of a store as a 1, whatever its rating (a store holds each pair once, items ascending within a user).</summary>
    public static InteractionMatrix FromStore(RatingStore store) =>
        new(store.UserOffsets.ToArray(), store.ItemIndices.ToArray(), store.ItemCount);

    /// <summary>The transpose: a row per column of this matrix, listing the rows that hold a 1 in it.</summary>
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
        for (int r = 0; r < RowCount; r++)
        {
            for (int k = _offsets[r]; k < _offsets[r + 1]; k++)
            {
                rows[next[_columns[k]]++] = r;
            }
        }

        return new InteractionMatrix(offsets, rows, RowCount);
    }

    /// <summary>How many ones each column holds.</summary>
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
