using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MatrixFactorization.Data;

/// <summary>
/// Sorts 32-bit keys sixteen to a 512-bit register: each register by a bitonic network of ten
/// compare-exchange steps (a permute, a minimum, a maximum and a blend each), then runs merged
/// pairwise, sixteen keys at a time, by a bitonic merge. No step depends on the keys' values, so
/// nothing mispredicts, where a radix sort of a short row pays for its counters and a comparison
/// sort for its branches.
/// </summary>
internal static class SortingNetwork
{
    private const int Lanes = 16;

    // The lane each lane is compared with, 1, 2, 4 or 8 lanes away.
    private static readonly Vector512<uint> s_across1 = Partners(1);
    private static readonly Vector512<uint> s_across2 = Partners(2);
    private static readonly Vector512<uint> s_across4 = Partners(4);
    private static readonly Vector512<uint> s_across8 = Partners(8);

    // Which lanes keep the larger key of their pair: the upper lane of each pair when sorting
    // up, and in blocks that sort down (every other block before the last) the lower one.
    private static readonly Vector512<uint> s_up1 = KeepLarger(1, block: Lanes);
    private static readonly Vector512<uint> s_up2 = KeepLarger(2, block: Lanes);
    private static readonly Vector512<uint> s_up4 = KeepLarger(4, block: Lanes);
    private static readonly Vector512<uint> s_up8 = KeepLarger(8, block: Lanes);
    private static readonly Vector512<uint> s_pairs1 = KeepLarger(1, block: 2);
    private static readonly Vector512<uint> s_fours2 = KeepLarger(2, block: 4);
    private static readonly Vector512<uint> s_fours1 = KeepLarger(1, block: 4);
    private static readonly Vector512<uint> s_eights4 = KeepLarger(4, block: 8);
    private static readonly Vector512<uint> s_eights2 = KeepLarger(2, block: 8);
    private static readonly Vector512<uint> s_eights1 = KeepLarger(1, block: 8);
    private static readonly Vector512<uint> s_reverse = Vector512.Create(15u, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);

    /// <summary>Whether the machine has the instructions.</summary>
    public static bool IsSupported => Avx512F.IsSupported;

    /// <summary>Sorts <paramref name="keys"/>, whose length is a multiple of sixteen, using
    /// <paramref name="scratch"/> of the same length; returns whichever of the two holds the
    /// sorted keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Span<uint> Sort(Span<uint> keys, Span<uint> scratch)
    {
        ref uint first = ref keys[0];
        for (int at = 0; at < keys.Length; at += Lanes)
        {
            ref uint lane = ref Unsafe.Add(ref first, at);
            SortRegister(Vector512.LoadUnsafe(ref lane)).StoreUnsafe(ref lane);
        }

        Span<uint> from = keys;
        Span<uint> into = scratch;
        for (int run = Lanes; run < keys.Length; run *= 2)
        {
            for (int at = 0; at < keys.Length; at += 2 * run)
            {
                int middle = Math.Min(at + run, keys.Length);
                int end = Math.Min(at + (2 * run), keys.Length);
                Merge(from[at..middle], from[middle..end], into[at..end]);
            }

            Span<uint> swap = from;
            from = into;
            into = swap;
        }

        return from;
    }

    // Bitonic sort: blocks of 2, 4 and 8 lanes sorted up and down in turn, then the merge.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> SortRegister(Vector512<uint> v)
    {
        v = Exchange(v, s_across1, s_pairs1);
        v = Exchange(v, s_across2, s_fours2);
        v = Exchange(v, s_across1, s_fours1);
        v = Exchange(v, s_across4, s_eights4);
        v = Exchange(v, s_across2, s_eights2);
        v = Exchange(v, s_across1, s_eights1);
        return MergeRegister(v);
    }

    // Sorts a register whose keys rise then fall (or fall then rise).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> MergeRegister(Vector512<uint> v)
    {
        v = Exchange(v, s_across8, s_up8);
        v = Exchange(v, s_across4, s_up4);
        v = Exchange(v, s_across2, s_up2);
        return Exchange(v, s_across1, s_up1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Exchange(Vector512<uint> v, Vector512<uint> across, Vector512<uint> keepLarger)
    {
        Vector512<uint> partner = Avx512F.PermuteVar16x32(v, across);
        return Vector512.ConditionalSelect(keepLarger, Vector512.Max(v, partner), Vector512.Min(v, partner));
    }

    // Merges two sorted runs whose lengths are multiples of sixteen: the sixteen smallest keys not
    // yet written are always among a carried register and the next register of the run whose
    // next key is smaller.
    private static void Merge(ReadOnlySpan<uint> left, ReadOnlySpan<uint> right, Span<uint> into)
    {
        if (right.IsEmpty)
        {
            left.CopyTo(into);
            return;
        }

        ref uint l = ref Unsafe.AsRef(in left[0]);
        ref uint r = ref Unsafe.AsRef(in right[0]);
        ref uint o = ref into[0];
        int li = Lanes, ri = 0, oi = 0;
        Vector512<uint> carry = Vector512.LoadUnsafe(ref l);
        while (true)
        {
            Vector512<uint> next;
            if (ri < right.Length && (li >= left.Length || Unsafe.Add(ref r, ri) < Unsafe.Add(ref l, li)))
            {
                next = Vector512.LoadUnsafe(ref r, (nuint)ri);
                ri += Lanes;
            }
            else if (li < left.Length)
            {
                next = Vector512.LoadUnsafe(ref l, (nuint)li);
                li += Lanes;
            }
            else
            {
                carry.StoreUnsafe(ref o, (nuint)oi);
                return;
            }

            // The reversed register and the carried one form a rising-then-falling sequence: the
            // lane-wise minimum holds the sixteen smallest of both, the maximum the rest.
            Vector512<uint> reversed = Avx512F.PermuteVar16x32(next, s_reverse);
            MergeRegister(Vector512.Min(carry, reversed)).StoreUnsafe(ref o, (nuint)oi);
            carry = MergeRegister(Vector512.Max(carry, reversed));
            oi += Lanes;
        }
    }

    private static Vector512<uint> Partners(int distance) =>
        Vector512.Create([.. Enumerable.Range(0, Lanes).Select(lane => (uint)(lane ^ distance))]);

    private static Vector512<uint> KeepLarger(int distance, int block) =>
        Vector512.Create([.. Enumerable.Range(0, Lanes).Select(lane => ((lane & distance) != 0) != ((lane & block) != 0) ? uint.MaxValue : 0u)]);
}
