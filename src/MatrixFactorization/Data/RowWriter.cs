using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>Writes rows into the store's arrays ordered by item, merging repeated pairs by the
/// duplicate policy as they go by.</summary>
internal sealed class RowWriter
{
    private readonly DuplicatePolicy _policy;
    private readonly uint _timeShift;
    private readonly RowSorter _sorter = new();
    private int[] _items;
    private float[] _values;
    private uint[]? _times;

    public RowWriter(int capacity, bool timed, uint timeShift, DuplicatePolicy policy)
    {
        // Every element up to Count is written before it is read, and the rest is cut off.
        _items = GC.AllocateUninitializedArray<int>(capacity);
        _values = GC.AllocateUninitializedArray<float>(capacity);
        _times = timed ? GC.AllocateUninitializedArray<uint>(capacity) : null;
        _timeShift = timeShift;
        _policy = policy;
    }

    /// <summary>Ratings written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Distinct pairs that had more than one rating.</summary>
    public long DuplicatePairs { get; private set; }

    /// <summary>After a refused row: the offsets within it of the two ratings of the repeated pair.</summary>
    public int DuplicateFirst { get; private set; }

    /// <summary>See <see cref="DuplicateFirst"/>.</summary>
    public int DuplicateSecond { get; private set; }

    /// <summary>Writes one row; false when it repeats a pair under <see cref="DuplicatePolicy.Error"/>.</summary>
    /// <param name="rows">Where the row is.</param>
    /// <param name="start">The row's first position in <paramref name="rows"/>.</param>
    /// <param name="length">The row's length.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool WriteRow(scoped in RowSource rows, int start, int length)
    {
        ReadOnlySpan<int> items = rows.Items.Slice(start, length);
        ReadOnlySpan<float> values = rows.Values.Slice(start, length);
        ReadOnlySpan<uint> times = rows.Times.IsEmpty ? default : rows.Times.Slice(start, length);
        if (IsStrictlyAscending(items))
        {
            items.CopyTo(_items.AsSpan(Count));
            values.CopyTo(_values.AsSpan(Count));
            if (_times is not null)
            {
                Span<uint> to = _times.AsSpan(Count, length);
                for (int j = 0; j < length; j++)
                {
                    to[j] = unchecked(times[j] - _timeShift);
                }
            }

            Count += length;
            return true;
        }

        return WriteSorted(_sorter.Sort(items), values, times);
    }

    /// <summary>The written arrays, cut to <see cref="Count"/>.</summary>
    public (int[] Items, float[] Values, uint[]? Times) Finish()
    {
        if (Count < _items.Length)
        {
            Array.Resize(ref _items, Count);
            Array.Resize(ref _values, Count);
            if (_times is not null)
            {
                Array.Resize(ref _times, Count);
            }
        }

        return (_items, _values, _times);
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
