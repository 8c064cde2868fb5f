using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>
/// Orders rows by item on all cores before <see cref="RowArranger"/> walks them on one thread.
/// Ordering rows is most of the work of building a store from a file sorted by raw ids, since
/// dense item indices follow first sight, not raw order. Rows are independent, so they are
/// sorted in parallel in place; a row that repeats an item is left in arrival order, for the
/// arranger to merge by the duplicate policy and to name its lines in an error.
/// </summary>
internal static class RowPresorter
{
    // Below this many ratings the work is too small to hand to other threads.
    public const int MinimumRatings = 1 << 18;

    // Rows are handed out in runs of about this many ratings, so that cores finish together.
    private const int RatingsPerRun = 1 << 16;

    /// <summary>Sorts each row without a repeated item by item, in place, and turns its wrapped
    /// timestamps into offsets from the earliest one, as <see cref="RowArranger"/> would.</summary>
    /// <param name="offsets">Row starts, one per row plus the end.</param>
    /// <param name="items">The rows' items.</param>
    /// <param name="values">The rows' values.</param>
    /// <param name="times">The rows' timestamps, or null.</param>
    /// <param name="timeShift">Subtracted from each timestamp of a sorted row.</param>
    /// <param name="threads">The most threads to sort on.</param>
    /// <returns>The number of rows left as they were, because they repeat an item.</returns>
    public static int SortDistinctRows(int[] offsets, int[] items, float[] values, uint[]? times, uint timeShift, int threads)
    {
        int[] runStarts = RunStarts(offsets);
        int left = 0;
        Parallel.For(
            0,
            runStarts.Length - 1,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new Scratch(),
            (run, _, scratch) =>
            {
                for (int row = runStarts[run]; row < runStarts[run + 1]; row++)
                {
                    int start = offsets[row], length = offsets[row + 1] - start;
                    if (SortRow(start, length, items, values, times, scratch))
                    {
                        Shift(times, start, length, timeShift);
                    }
                    else
                    {
                        scratch.Left++;
                    }
                }

                return scratch;
            },
            scratch => Interlocked.Add(ref left, scratch.Left));
        return left;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shift(uint[]? times, int start, int length, uint timeShift)
    {
        if (times is not null && timeShift != 0)
        {
            foreach (ref uint time in times.AsSpan(start, length))
            {
                time = unchecked(time - timeShift);
            }
        }
    }

    // The first row of each run, and the row count at the end.
    private static int[] RunStarts(ReadOnlySpan<int> offsets)
    {
        var starts = new List<int> { 0 };
        int rows = offsets.Length - 1;
        int next = RatingsPerRun;
        for (int row = 0; row < rows; row++)
        {
            if (offsets[row] >= next)
            {
                starts.Add(row);
                next = offsets[row] + RatingsPerRun;
            }
        }

        starts.Add(rows);
        return [.. starts];
    }

    // False when the row repeats an item and is left as it was.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool SortRow(int start, int length, int[] items, float[] values, uint[]? times, Scratch scratch)
    {
        Span<int> row = items.AsSpan(start, length);
        if (IsStrictlyAscending(row))
        {
            return true;
        }

        ReadOnlySpan<long> sorted = scratch.Sorter.Sort(row);
        for (int j = 1; j < sorted.Length; j++)
        {
            if ((int)(sorted[j] >> 32) == (int)(sorted[j - 1] >> 32))
            {
                return false;
            }
        }

        Span<float> rowValues = scratch.Values(length);
        values.AsSpan(start, length).CopyTo(rowValues);
        Span<float> valuesOut = values.AsSpan(start, length);
        for (int j = 0; j < sorted.Length; j++)
        {
            long key = sorted[j];
            row[j] = (int)(key >> 32);
            valuesOut[j] = rowValues[(int)(uint)key];
        }

        if (times is not null)
        {
            Span<uint> rowTimes = scratch.Times(length);
            times.AsSpan(start, length).CopyTo(rowTimes);
            Span<uint> timesOut = times.AsSpan(start, length);
            for (int j = 0; j < sorted.Length; j++)
            {
                timesOut[j] = rowTimes[(int)(uint)sorted[j]];
            }
        }

        return true;
    }

    private static bool IsStrictlyAscending(ReadOnlySpan<int> items)
    {
        for (int j = 1; j < items.Length; j++)
        {
            if (items[j] <= items[j - 1])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One thread's sorter and room to set a row's values aside while it is rewritten.</summary>
    private sealed class Scratch
    {
        private float[] _values = new float[64];
        private uint[] _times = new uint[64];

        public RowSorter Sorter { get; } = new();

        public int Left { get; set; }

        public Span<float> Values(int length)
        {
            if (_values.Length < length)
            {
                _values = new float[Math.Max(length, _values.Length * 2)];
            }

            return _values.AsSpan(0, length);
        }

        public Span<uint> Times(int length)
        {
            if (_times.Length < length)
            {
                _times = new uint[Math.Max(length, _times.Length * 2)];
            }

            return _times.AsSpan(0, length);
        }
    }
}
