using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Training;

/// <summary>
/// Where a block's runs begin, as a bitmap with one bit per triple: bit t is set when triple t's
/// user differs from triple t − 1's (and for t = 0), and bit <c>count</c> is set as a sentinel.
/// </summary>
/// <remarks>
/// The step loop needs the end of each run and, well ahead of it, the first triple of every user
/// to come, whose row it prefetches. Comparing users pair by pair for both cost a compare and a
/// branch per triple, twice, with a mispredicted branch at every run's end; marked in vectors
/// first, eight or four pairs at a time, each answer is a count of trailing zeros.
/// </remarks>
internal static class BprRunStarts
{
    /// <summary>The bitmap's length in words for <paramref name="count"/> triples, the sentinel included.</summary>
    public static int Words(int count) => (count >> 6) + 1;

    /// <summary>Marks the run starts of <paramref name="pairs"/> in <paramref name="bits"/> (at least <see cref="Words"/> long; its tail is overwritten).</summary>
    public static void Mark(ReadOnlySpan<InteractionPair> pairs, Span<ulong> bits)
    {
        int count = pairs.Length;
        bits[..Words(count)].Clear();
        if (count == 0)
        {
            bits[0] = 1;
            return;
        }

        // A pair is 8 bytes, its user the low half: two pairs differ in user when their xor has a
        // low half other than zero.
        ReadOnlySpan<ulong> keys = MemoryMarshal.Cast<InteractionPair, ulong>(pairs);
        ref ulong first = ref MemoryMarshal.GetReference(keys);
        int t = 1;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ulong> users = Vector512.Create(0xFFFF_FFFFUL);
            for (; t + Vector512<ulong>.Count <= count; t += Vector512<ulong>.Count)
            {
                // SAFETY: t − 1 >= 0 and t + Count <= count.
                Vector512<ulong> changed = (Vector512.LoadUnsafe(ref first, (nuint)t) ^ Vector512.LoadUnsafe(ref first, (nuint)(t - 1))) & users;
                ulong starts = ~Vector512.Equals(changed, Vector512<ulong>.Zero).ExtractMostSignificantBits() & 0xFF;
                Set(bits, t, starts);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ulong> users = Vector256.Create(0xFFFF_FFFFUL);
            for (; t + Vector256<ulong>.Count <= count; t += Vector256<ulong>.Count)
            {
                // SAFETY: as above.
                Vector256<ulong> changed = (Vector256.LoadUnsafe(ref first, (nuint)t) ^ Vector256.LoadUnsafe(ref first, (nuint)(t - 1))) & users;
                ulong starts = ~Vector256.Equals(changed, Vector256<ulong>.Zero).ExtractMostSignificantBits() & 0xF;
                Set(bits, t, starts);
            }
        }

        for (; t < count; t++)
        {
            if (pairs[t].User != pairs[t - 1].User)
            {
                bits[t >> 6] |= 1UL << t;
            }
        }

        bits[0] |= 1;
        bits[count >> 6] |= 1UL << count;
    }

    /// <summary>The first run start at or after <paramref name="from"/> (at most the triple count, the sentinel).</summary>
    /// <param name="bits">A bitmap <see cref="Mark"/> made.</param>
    /// <param name="from">A triple, at most the count.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Next(ref ulong bits, int from)
    {
        // SAFETY: from <= count, so its word is the bitmap's; the sentinel ends the search at the
        // count's word at the latest.
        int word = from >> 6;
        ulong rest = Unsafe.Add(ref bits, word) >> from;
        while (rest == 0)
        {
            word++;
            rest = Unsafe.Add(ref bits, word);
            from = word << 6;
        }

        return from + BitOperations.TrailingZeroCount(rest);
    }

    /// <summary>Ors the bits of <paramref name="starts"/> into the bitmap from bit <paramref name="t"/>, across a word boundary if need be.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Set(Span<ulong> bits, int t, ulong starts)
    {
        bits[t >> 6] |= starts << t;
        int spill = (t & 63) + 8 - 64;
        if (spill > 0)
        {
            bits[(t >> 6) + 1] |= starts >> (8 - spill);
        }
    }
}
