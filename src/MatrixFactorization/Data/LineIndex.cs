namespace MatrixFactorization.Data;

/// <summary>
/// Maps the arrival index of a rating to the line (or record) it came from, so that errors found
/// after loading, such as duplicates, can still name lines.
/// </summary>
/// <remarks>
/// Most lines hold a rating, so line = index + offset, with the offset changing only at headers,
/// blank or skipped lines. Storing only those breaks costs nothing per rating, where a line per
/// rating would add 8 bytes to every rating held while loading.
/// </remarks>
internal sealed class LineIndex
{
    private int[] _starts = new int[4];
    private long[] _offsets = new long[4];
    private int _breaks;

    /// <summary>The offset of the latest break; the next rating's line is its index plus this.</summary>
    public long CurrentOffset { get; private set; }

    /// <summary>Records that the rating at <paramref name="index"/> came from <paramref name="line"/>.</summary>
    public void Add(int index, long line)
    {
        long offset = line - index;
        if (offset != CurrentOffset || _breaks == 0)
        {
            Break(index, offset);
        }
    }

    /// <summary>The line of the rating at an arrival index.</summary>
    public long LineOf(int index)
    {
        int lo = 0, hi = _breaks - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_starts[mid] <= index)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return index + (found < 0 ? 1 : _offsets[found]);
    }

    private void Break(int index, long offset)
    {
        if (_breaks > 0 && _starts[_breaks - 1] == index)
        {
            _breaks--;
        }

        if (_breaks == _starts.Length)
        {
            Array.Resize(ref _starts, _breaks * 2);
            Array.Resize(ref _offsets, _breaks * 2);
        }

        _starts[_breaks] = index;
        _offsets[_breaks] = offset;
        _breaks++;
        CurrentOffset = offset;
    }
}
