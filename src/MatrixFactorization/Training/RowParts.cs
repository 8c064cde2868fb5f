namespace MatrixFactorization.Training;

/// <summary>
/// Cuts a half-iteration's rows into consecutive parts of about equal work, so threads that claim
/// parts one at a time finish together. The bounds depend on the data alone, never on the thread
/// count, and each row is solved from its own inputs, so the result does not depend on who ran what.
/// </summary>
internal static class RowParts
{
    /// <summary>About this many parts: enough that the last ones are short, few enough to claim cheaply.</summary>
    private const int TargetParts = 2048;

    /// <summary>The first row of each part, then the row count: parts + 1 entries.</summary>
    /// <param name="offsets">Compressed-row offsets of the interactions.</param>
    /// <param name="rowCost">The work of a row beyond its interactions, in interactions (the k×k products).</param>
    public static int[] Bounds(ReadOnlySpan<int> offsets, int rowCost)
    {
        int rows = offsets.Length - 1;
        long total = offsets[rows] + ((long)rows * rowCost);
        long target = Math.Max(1, total / TargetParts);
        var bounds = new List<int> { 0 };
        long load = 0;
        for (int r = 0; r < rows; r++)
        {
            load += offsets[r + 1] - offsets[r] + rowCost;
            if (load >= target && r + 1 < rows)
            {
                bounds.Add(r + 1);
                load = 0;
            }
        }

        bounds.Add(rows);
        return [.. bounds];
    }
}
