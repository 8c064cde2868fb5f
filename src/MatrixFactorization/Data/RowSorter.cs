using System.Numerics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>
/// Orders one row's ratings by item. A comparison sort of random keys mispredicts a branch on
/// almost every comparison, which made it the slowest step of loading. Where the machine has
/// AVX-512, rows of 16 to 512 ratings go through a <see cref="SortingNetwork"/>. Longer rows whose
/// items span fewer than 2^16 indices get a least-significant-digit radix sort of two 8-bit
/// digits over 32-bit keys, and those that span fewer than 2^18 one of up to three 6-bit digits
/// over 64-bit keys; neither has a data-dependent branch at all. Other rows are bucketed by their
/// high bits, about one per bucket, and the nearly sorted result is finished by an insertion
/// sort; a row whose keys crowd into a few buckets gets a comparison sort after all, so the work
/// stays linear in practice and never worse than n log n.
/// </summary>
internal sealed class RowSorter
{
    // Radix digits: three passes of 64 counters cover item spans below 2^18, and cost less
    // than the bucket sort's mispredicted insertions once a row has a few dozen ratings.
    private const int DigitBits = 6;
    private const int Digit = (1 << DigitBits) - 1;
    private const int MaxPasses = 3;
    private const int MinRadixLength = 48;
    private long[] _keys = new long[64];
    private long[] _spare = new long[64];
    private int[] _starts = new int[64];
    private readonly int[] _digitCounts = new int[MaxPasses << DigitBits];

    // The narrow radix sort: 8-bit digits, worth their 256 counters from this row length on.
    private const int NarrowDigitBits = 8;
    private const int MinNarrowLength = 48;
    private readonly int[] _narrowCounts = new int[2 << NarrowDigitBits];
    private uint[] _narrow = new uint[64];
    private uint[] _narrowSpare = new uint[64];

    // The sorting network, for rows of these lengths: below them an insertion sort is cheap, and
    // above them the network's merge passes, one more per doubling, cost more than two radix passes.
    private const int MinNetworkLength = 16;
    private const int MaxNetworkLength = 512;

    // The bucket sort's widest bucket index, so that the bucket count stays an int.
    private const int MaxBucketBits = 30;

    /// <summary>Sorts the row: keys hold the item in the high half and the row offset in the
    /// low half, so ratings of the same item stay in row order.</summary>
    /// <param name="items">The row's items.</param>
    /// <returns>The sorted keys, valid until the next call.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<long> Sort(ReadOnlySpan<int> items)
    {
        int length = items.Length;
        if (length <= 1)
        {
            // Also keeps the widths below in range: the offsets of a longer row need at least one bit.
            return length == 0 ? [] : Single(items[0]);
        }

        if (_keys.Length < length)
        {
            _keys = new long[Math.Max(length, _keys.Length * 2)];
        }

        Span<long> keys = _keys.AsSpan(0, length);
        int min = int.MaxValue, max = int.MinValue;
        foreach (int item in items)
        {
            min = Math.Min(min, item);
            max = Math.Max(max, item);
        }

        int spanBits = 32 - BitOperations.LeadingZeroCount((uint)(max - min));
        int offsetBits = 32 - BitOperations.LeadingZeroCount((uint)length - 1);
        if (length >= MinNetworkLength && length <= MaxNetworkLength && spanBits + offsetBits < 32 && SortingNetwork.IsSupported)
        {
            return NetworkSort(items, min, offsetBits);
        }

        if (length >= MinNarrowLength && spanBits <= 2 * NarrowDigitBits && spanBits + offsetBits <= 32)
        {
            return NarrowRadixSort(items, min, offsetBits, spanBits);
        }

        if (length >= MinRadixLength && spanBits <= MaxPasses * DigitBits)
        {
            return RadixSort(items, min, Math.Max(1, (spanBits + DigitBits - 1) / DigitBits));
        }

        // Capped so that the bucket count stays an int: a row longer than 2^30 (which only the
        // largest arrays hold) has two ratings a bucket, which the insertion sort still finishes.
        int bucketBits = Math.Clamp(BitOperations.Log2((uint)length - 1) + 1, 4, MaxBucketBits);
        int buckets = 1 << bucketBits;
        int shift = Math.Max(0, 32 - BitOperations.LeadingZeroCount((uint)(max - min)) - bucketBits);
        if (_starts.Length < buckets + 1)
        {
            _starts = new int[buckets + 1];
        }

        Span<int> starts = _starts.AsSpan(0, buckets + 1);
        starts.Clear();
        foreach (int item in items)
        {
            starts[((item - min) >> shift) + 1]++;
        }

        for (int b = 0; b < buckets; b++)
        {
            starts[b + 1] += starts[b];
        }

        for (int j = 0; j < length; j++)
        {
            int item = items[j];
            keys[starts[(item - min) >> shift]++] = ((long)item << 32) | (uint)j;
        }

        if (!TryInsertionSort(keys, budget: 8L * length))
        {
            keys.Sort();
        }

        return keys;
    }

    // Stable passes from the lowest digit up; the first pass also builds the keys, whose row
    // offsets ascend, so ratings of the same item stay in row order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<long> RadixSort(ReadOnlySpan<int> items, int min, int passes)
    {
        int length = items.Length;
        if (_spare.Length < length)
        {
            _spare = new long[_keys.Length];
        }

        Span<int> counts = _digitCounts.AsSpan(0, passes << DigitBits);
        counts.Clear();
        foreach (int item in items)
        {
            int d = item - min;
            for (int pass = 0; pass < passes; pass++)
            {
                counts[(pass << DigitBits) + ((d >> (pass * DigitBits)) & Digit)]++;
            }
        }

        for (int pass = 0; pass < passes; pass++)
        {
            Span<int> digitStarts = counts.Slice(pass << DigitBits, 1 << DigitBits);
            int sum = 0;
            for (int b = 0; b < digitStarts.Length; b++)
            {
                int count = digitStarts[b];
                digitStarts[b] = sum;
                sum += count;
            }
        }

        Span<long> into = _keys.AsSpan(0, length);
        for (int j = 0; j < length; j++)
        {
            int item = items[j];
            into[counts[(item - min) & Digit]++] = ((long)item << 32) | (uint)j;
        }

        Span<long> from = _spare.AsSpan(0, length);
        for (int pass = 1; pass < passes; pass++)
        {
            Span<long> swap = from;
            from = into;
            into = swap;
            Span<int> digitStarts = counts.Slice(pass << DigitBits, 1 << DigitBits);
            int shift = pass * DigitBits;
            foreach (long key in from)
            {
                into[digitStarts[(((int)(key >> 32) - min) >> shift) & Digit]++] = key;
            }
        }

        return into;
    }

    // Two passes of 8-bit digits over 32-bit keys (item above the row offset): half the bytes
    // of the 64-bit keys moved per pass, and two passes instead of three for items that span
    // fewer than 2^16 indices. The sorted keys are widened to the 64-bit form at the end.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<long> NarrowRadixSort(ReadOnlySpan<int> items, int min, int offsetBits, int spanBits)
    {
        const int Buckets = 1 << NarrowDigitBits;
        const int Mask = Buckets - 1;
        int length = items.Length;
        EnsureNarrow(length);
        Span<uint> keys = _narrow.AsSpan(0, length);
        Span<uint> spare = _narrowSpare.AsSpan(0, length);
        Span<int> low = _narrowCounts.AsSpan(0, Buckets);
        Span<int> high = _narrowCounts.AsSpan(Buckets, Buckets);
        _narrowCounts.AsSpan().Clear();
        int shift = offsetBits;
        for (int j = 0; j < length; j++)
        {
            uint d = (uint)(items[j] - min);
            spare[j] = (d << shift) | (uint)j;
            low[(int)(d & Mask)]++;
            high[(int)(d >> NarrowDigitBits) & Mask]++;
        }

        int lowSum = 0, highSum = 0;
        for (int b = 0; b < Buckets; b++)
        {
            int l = low[b], h = high[b];
            low[b] = lowSum;
            high[b] = highSum;
            lowSum += l;
            highSum += h;
        }

        foreach (uint key in spare)
        {
            keys[low[(int)(key >> shift) & Mask]++] = key;
        }

        // Items within one digit are sorted after the first pass. The second pass's shift,
        // offsetBits + 8, would reach 32 for rows of more than 2^23 ratings, which a 32-bit shift
        // takes modulo 32; such rows always come here, since their items span 8 bits at most.
        if (spanBits <= NarrowDigitBits)
        {
            return Widen(keys, min, shift);
        }

        foreach (uint key in keys)
        {
            spare[high[(int)(key >> (shift + NarrowDigitBits)) & Mask]++] = key;
        }

        return Widen(spare, min, shift);
    }

    // Keys as in the narrow radix sort, padded with keys above them all to a multiple of
    // sixteen, through the sorting network.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<long> NetworkSort(ReadOnlySpan<int> items, int min, int offsetBits)
    {
        int length = items.Length;
        int padded = (length + 15) & ~15;
        EnsureNarrow(padded);

        Span<uint> keys = _narrow.AsSpan(0, padded);
        for (int j = 0; j < length; j++)
        {
            keys[j] = ((uint)(items[j] - min) << offsetBits) | (uint)j;
        }

        keys[length..].Fill(uint.MaxValue);
        return Widen(SortingNetwork.Sort(keys, _narrowSpare.AsSpan(0, padded))[..length], min, offsetBits);
    }

    private void EnsureNarrow(int length)
    {
        if (_narrow.Length < length)
        {
            _narrow = new uint[Math.Max(length, _narrow.Length * 2)];
            _narrowSpare = new uint[_narrow.Length];
        }
    }

    // The sorted 32-bit keys in the 64-bit form: item in the high half, row offset in the low.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<long> Widen(ReadOnlySpan<uint> sorted, int min, int offsetBits)
    {
        Span<long> wide = _keys.AsSpan(0, sorted.Length);
        uint offsetMask = (1u << offsetBits) - 1;
        for (int j = 0; j < sorted.Length; j++)
        {
            uint key = sorted[j];
            wide[j] = ((long)(min + (int)(key >> offsetBits)) << 32) | (key & offsetMask);
        }

        return wide;
    }

    private ReadOnlySpan<long> Single(int item)
    {
        _keys[0] = (long)item << 32;
        return _keys.AsSpan(0, 1);
    }

    // Gives up (false) once the moves exceed the budget, leaving the keys permuted but intact.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryInsertionSort(Span<long> keys, long budget)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            long key = keys[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                j--;
            }

            keys[j + 1] = key;
            budget -= i - 1 - j;
            if (budget < 0)
            {
                return false;
            }
        }

        return true;
    }
}
