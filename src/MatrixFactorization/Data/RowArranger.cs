using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>Orders contiguous rows by item in place, row after row, merging repeated pairs by
/// the duplicate policy and moving later rows down over the room merges free.</summary>
internal sealed class RowArranger
{
    private readonly int[] _items;
    private readonly float[] _values;
    private readonly uint[]? _times;
    private readonly uint _ascendingShift;
    private readonly uint _timeShift;
    private readonly DuplicatePolicy _policy;
    private readonly RowSorter _sorter = new();
    private float[] _rowValues = new float[64];
    private uint[] _rowTimes = new uint[64];

    /// <summary>Arranges rows held in these arrays; timestamps are wrapped offsets that
    /// <paramref name="timeShift"/> turns into offsets from the earliest one.</summary>
    /// <param name="items">The rows' items.</param>
    /// <param name="values">The rows' values.</param>
    /// <param name="times">The rows' timestamps, or null.</param>
    /// <param name="ascendingShift">The shift for rows already strictly ascending: 0 when
    /// <see cref="RowPresorter"/> has shifted those.</param>
    /// <param name="timeShift">The shift for the other rows.</param>
    /// <param name="policy">What to do with repeated pairs.</param>
    public RowArranger(int[] items, float[] values, uint[]? times, uint ascendingShift, uint timeShift, DuplicatePolicy policy)
    {
        _items = items;
        _values = values;
        _times = times;
        _ascendingShift = ascendingShift;
        _timeShift = timeShift;
        _policy = policy;
    }

    /// <summary>Ratings kept so far; the next row is written from here.</summary>
    public int Count { get; private set; }

    /// <summary>Distinct pairs that had more than one rating.</summary>
    public long DuplicatePairs { get; private set; }

    /// <summary>After a refused row: the item that was repeated.</summary>
    public int DuplicateItem { get; private set; }

    /// <summary>After a refused row: the offset within it of the pair's first rating.</summary>
    public int DuplicateFirst { get; private set; }

    /// <summary>After a refused row: the offset within it of the pair's second rating.</summary>
    public int DuplicateSecond { get; private set; }

    /// <summary>Arranges the row at <paramref name="start"/>, which must not be before
    /// <see cref="Count"/>; false when it repeats a pair under <see cref="DuplicatePolicy.Error"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Arrange(int start, int length)
    {
        Span<int> items = _items.AsSpan(start, length);
        if (IsStrictlyAscending(items))
        {
            MoveDown(start, length);
            return true;
        }

        // The row's values and times are read back in sorted order while the sorted row is
        // written over them, so they are set aside first.
        if (_rowValues.Length < length)
        {
            _rowValues = new float[Math.Max(length, _rowValues.Length * 2)];
        }

        if (_times is not null && _rowTimes.Length < length)
        {
            _rowTimes = new uint[_rowValues.Length];
        }

        Span<float> values = _rowValues.AsSpan(0, length);
        _values.AsSpan(start, length).CopyTo(values);
        Span<uint> times = default;
        if (_times is not null)
        {
            times = _rowTimes.AsSpan(0, length);
            _times.AsSpan(start, length).CopyTo(times);
        }

        return WriteSorted(_sorter.Sort(items), values, times);
    }

    private void MoveDown(int start, int length)
    {
        int to = Count;
        if (to != start)
        {
            _items.AsSpan(start, length).CopyTo(_items.AsSpan(to));
            _values.AsSpan(start, length).CopyTo(_values.AsSpan(to));
        }

        if (_times is not null && (_ascendingShift != 0 || to != start))
        {
            Span<uint> from = _times.AsSpan(start, length);
            Span<uint> into = _times.AsSpan(to, length);
            for (int j = 0; j < length; j++)
            {
                into[j] = unchecked(from[j] - _ascendingShift);
            }
        }

        Count = to + length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool WriteSorted(ReadOnlySpan<long> sorted, ReadOnlySpan<float> values, ReadOnlySpan<uint> times)
    {
        int w = Count;
        int rowStart = w;
        int groupFirst = 0;
        int groupSize = 0;
        double groupSum = 0;
        foreach (long key in sorted)
        {
            int j = (int)(uint)key;
            int item = (int)(key >> 32);
            float value = values[j];
            uint time = times.IsEmpty ? 0 : unchecked(times[j] - _timeShift);
            if (w > rowStart && _items[w - 1] == item)
            {
                if (++groupSize == 2)
                {
                    DuplicatePairs++;
                }

                switch (_policy)
                {
                    case DuplicatePolicy.Error:
                        DuplicateItem = item;
                        DuplicateFirst = groupFirst;
                        DuplicateSecond = j;
                        return false;
                    case DuplicatePolicy.KeepLast:
                        _values[w - 1] = value;
                        SetTime(w - 1, time);
                        break;
                    case DuplicatePolicy.Average:
                        // The mean of the group, with the latest timestamp in it.
                        groupSum += value;
                        _values[w - 1] = (float)(groupSum / groupSize);
                        if (_times is not null && time >= _times[w - 1])
                        {
                            _times[w - 1] = time;
                        }

                        break;
                    default:
                        break;
                }

                continue;
            }

            _items[w] = item;
            _values[w] = value;
            SetTime(w, time);
            groupFirst = j;
            groupSize = 1;
            groupSum = value;
            w++;
        }

        Count = w;
        return true;
    }

    private void SetTime(int position, uint time)
    {
        if (_times is not null)
        {
            _times[position] = time;
        }
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
}
