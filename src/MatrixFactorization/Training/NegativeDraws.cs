using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// Draws the negative item of every triple of a block before the block is stepped, each uniformly
/// from the block column's items other than the positive one, or other than every item the user
/// chose. Items are named by their slots (<see cref="BprGrid"/>): a column's items are a range of
/// slots, so a draw is a slot of the range itself. The draws read only the interactions, never the
/// parameters, so drawing them in a pass of their own changes no result: it keeps the generator and
/// the checks out of the update loop, and lets that loop fetch a negative's row well before the
/// step that needs it.
/// </summary>
/// <remarks>
/// Excluding a user's items is exact and cheap at every size. A block holds all of a user's
/// interactions with its column's items, as one ascending run; the draw for each triple of the run
/// is one of three, by the share of the column the run covers:
/// <list type="bullet">
/// <item>a short run (at most <see cref="ShortRun"/> items, under half the column): draw, and draw
/// again while the item is in the run, a scan of a few items, on average under two draws;</item>
/// <item>a longer run covering under half the column: the run marked in a bitmap of the column
/// once, then draws tested against it, again under two on average;</item>
/// <item>a run covering half the column or more: the items it leaves out listed once, then one
/// draw among them; a user who chose every item of the column gets no negative there (−1).</item>
/// </list>
/// Marking and listing cost one pass over the run or the column, shared by the run's triples, of
/// which a run covering half a column has at least that many. On data where some users chose
/// nearly everything, plain rejection would instead draw without end.
/// </remarks>
internal sealed class NegativeDraws
{
    /// <summary>Runs up to this long are checked by scanning them.</summary>
    internal const int ShortRun = 8;

    private readonly ulong[] _chosen;
    private readonly int[] _free;

    /// <summary>Scratch for columns of up to <paramref name="largestColumn"/> items.</summary>
    public NegativeDraws(int largestColumn)
    {
        _chosen = new ulong[(largestColumn + 63) / 64];
        _free = new int[largestColumn];
    }

    /// <summary>
    /// Fills <paramref name="negatives"/>[k] with the negative item of triple k (the k-th
    /// interaction of the block), or −1 when the column has no item to draw.
    /// </summary>
    /// <param name="pairs">The block's interactions, ordered by user, then item slot; every slot in [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>).</param>
    /// <param name="runStarts">Where the block's runs of one user's interactions start (<see cref="BprRunStarts"/>).</param>
    /// <param name="first">The first slot of the block's column: negatives are drawn from its <paramref name="count"/> slots.</param>
    /// <param name="count">The column's slots.</param>
    /// <param name="excludePositives">Draw only items the user did not choose; otherwise any item but the positive.</param>
    /// <param name="rng">The block's generator for this epoch.</param>
    /// <param name="negatives">One slot per interaction.</param>
    // Left to tiered compilation, as the grid's arrangement and the loss pass are: compiled fully
    // optimized from their first call (AggressiveOptimization), these passes lose the profile the
    // later tiers are compiled with; without it, epochs ran 1.01–1.07 times as fast (three runs).
    public void Fill(ReadOnlySpan<InteractionPair> pairs, ReadOnlySpan<ulong> runStarts, int first, int count, bool excludePositives, SplitMix64 rng, Span<int> negatives)
    {
        var column = new Column(first, count);
        if (!excludePositives)
        {
            FillAnyButPositive(pairs, column, ref rng, negatives);
            return;
        }

        ref ulong firstStart = ref MemoryMarshal.GetReference(runStarts);
        int start = 0;
        while (start < pairs.Length)
        {
            int user = pairs[start].User;
            int end = BprRunStarts.Next(ref firstStart, start + 1);

            ReadOnlySpan<InteractionPair> run = pairs[start..end];
            Span<int> slots = negatives[start..end];
            if (run.Length <= ShortRun && 2 * run.Length < count)
            {
                if (pairs.Length - start >= ShortRun)
                {
                    FillComparing(pairs.Slice(start, ShortRun), user, column, ref rng, slots);
                }
                else
                {
                    FillScanning(run, column, ref rng, slots);
                }
            }
            else
            {
                FillMarked(run, column, ref rng, slots);
            }

            start = end;
        }
    }

    /// <summary>Any item of the column but the positive: draw again on the positive itself, one time in m.</summary>
    private static void FillAnyButPositive(ReadOnlySpan<InteractionPair> pairs, Column column, ref SplitMix64 generator, Span<int> negatives)
    {
        // A copy in a local, which stays in a register: drawn through the reference, each draw
        // would store the state and the next load it back, a chain through memory.
        SplitMix64 rng = generator;

        // The block's positives are items of this column, so a column of one item holds nothing else.
        if (column.Count <= 1)
        {
            negatives.Fill(-1);
            return;
        }

        for (int k = 0; k < pairs.Length; k++)
        {
            int positive = pairs[k].Item;
            int candidate;
            do
            {
                candidate = column.Draw(ref rng);
            }
            while (candidate == positive);

            negatives[k] = candidate;
        }

        generator = rng;
    }

    /// <summary>A short run: draw until the item is not in the run.</summary>
    private static void FillScanning(ReadOnlySpan<InteractionPair> run, Column column, ref SplitMix64 generator, Span<int> slots)
    {
        // In a local, as in FillAnyButPositive.
        SplitMix64 rng = generator;
        for (int k = 0; k < run.Length; k++)
        {
            int candidate;
            do
            {
                candidate = column.Draw(ref rng);
            }
            while (Contains(run, candidate));

            slots[k] = candidate;
        }

        generator = rng;
    }

    /// <summary>
    /// A short run, tested with one or two vector compares instead of a scan: <paramref name="window"/>
    /// holds the run and whatever follows it in the block, eight pairs in all. A pair is 8 bytes, so
    /// a candidate is compared as the pair (user, candidate) against all eight at once, and the
    /// pairs past the run, which belong to other users, can never match. The same draws as
    /// <see cref="FillScanning"/>, so the same negatives.
    /// </summary>
    private static void FillComparing(ReadOnlySpan<InteractionPair> window, int user, Column column, ref SplitMix64 generator, Span<int> slots)
    {
        // In a local, as in FillAnyButPositive.
        SplitMix64 rng = generator;
        ReadOnlySpan<ulong> keys = MemoryMarshal.Cast<InteractionPair, ulong>(window);
        ulong userBits = (uint)user;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<ulong> run = Vector512.Create(keys);
            for (int k = 0; k < slots.Length; k++)
            {
                int candidate;
                do
                {
                    candidate = column.Draw(ref rng);
                }
                while (Vector512.EqualsAny(run, Vector512.Create(((ulong)(uint)candidate << 32) | userBits)));

                slots[k] = candidate;
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ulong> low = Vector256.Create(keys), high = Vector256.Create(keys[4..]);
            for (int k = 0; k < slots.Length; k++)
            {
                int candidate;
                Vector256<ulong> key;
                do
                {
                    candidate = column.Draw(ref rng);
                    key = Vector256.Create(((ulong)(uint)candidate << 32) | userBits);
                }
                while (Vector256.EqualsAny(low, key) || Vector256.EqualsAny(high, key));

                slots[k] = candidate;
            }
        }
        else
        {
            int length = 1;
            while (length < window.Length && window[length].User == user)
            {
                length++;
            }

            FillScanning(window[..length], column, ref rng, slots);
        }

        generator = rng;
    }

    /// <summary>A longer run: mark it in a bitmap of the column, then test draws against it or draw among the unmarked.</summary>
    private void FillMarked(ReadOnlySpan<InteractionPair> run, Column column, ref SplitMix64 generator, Span<int> slots)
    {
        // In a local, as in FillAnyButPositive.
        SplitMix64 rng = generator;
        int m = column.Count;
        Span<ulong> chosen = _chosen.AsSpan(0, (m + 63) / 64);
        int marked = 0;
        foreach (InteractionPair pair in run)
        {
            int position = pair.Item - column.First;
            ulong bit = 1UL << position;
            ref ulong word = ref chosen[position >> 6];
            marked += (word & bit) == 0 ? 1 : 0;
            word |= bit;
        }

        int free = m - marked;
        if (free == 0)
        {
            slots.Fill(-1);
        }
        else if (2 * free > m)
        {
            DrawUnmarked(chosen, column, ref rng, slots);
        }
        else
        {
            Span<int> unmarked = _free.AsSpan(0, free);
            int count = 0;
            for (int w = 0; w < chosen.Length; w++)
            {
                // The zero bits of the word, past the column's end masked off in the last one.
                ulong open = ~chosen[w];
                if (w == chosen.Length - 1 && (m & 63) != 0)
                {
                    open &= (1UL << (m & 63)) - 1;
                }

                while (open != 0)
                {
                    unmarked[count++] = column.First + (w << 6) + BitOperations.TrailingZeroCount(open);
                    open &= open - 1;
                }
            }

            for (int k = 0; k < slots.Length; k++)
            {
                slots[k] = unmarked[rng.NextInt(free)];
            }
        }

        // Clear only what the run marked, so the bitmap is clean for the next run at the cost of the run.
        foreach (InteractionPair pair in run)
        {
            chosen[(pair.Item - column.First) >> 6] = 0;
        }

        generator = rng;
    }

    /// <summary>
    /// Fills each slot with a draw from the column, drawn again while the bitmap marks it: the
    /// rejection sampling of <see cref="FillMarked"/> when under half the column is marked.
    /// </summary>
    /// <remarks>
    /// With AVX-512, eight draws are made at once (<see cref="SplitMix64.PeekInts"/>) and tested
    /// with one gather of their bitmap words. The draws before the first marked one are exactly
    /// those the one-by-one loop accepts, so they are kept and the generator skips past them; at a
    /// marked draw the loop goes on one by one until a draw is free, as it would have. The
    /// negatives, and so the model, are the same either way.
    /// </remarks>
    private static unsafe void DrawUnmarked(ReadOnlySpan<ulong> chosen, Column column, ref SplitMix64 generator, Span<int> slots)
    {
        SplitMix64 rng = generator;
        int m = column.Count;
        int k = 0;
        if (Vector512.IsHardwareAccelerated && Avx512DQ.IsSupported)
        {
            Vector256<int> first = Vector256.Create(column.First);
            fixed (ulong* bitmap = chosen)
            {
                while (k + Vector512<ulong>.Count <= slots.Length)
                {
                    // Every draw is below m, so its word is within the bitmap.
                    Vector512<ulong> r = rng.PeekInts(m);
                    Vector512<long> index = Vector512.ShiftRightLogical(r, 6).AsInt64();
                    Vector512<ulong> words = Vector512.Create(
                        Avx2.GatherVector256(bitmap, index.GetLower(), sizeof(ulong)),
                        Avx2.GatherVector256(bitmap, index.GetUpper(), sizeof(ulong)));
                    Vector512<ulong> marked = Avx512F.ShiftRightLogicalVariable(words, r & Vector512.Create(63UL)) & Vector512<ulong>.One;
                    uint rejected = (uint)Vector512.Equals(marked, Vector512<ulong>.One).ExtractMostSignificantBits();
                    int kept = rejected == 0 ? Vector512<ulong>.Count : BitOperations.TrailingZeroCount(rejected);

                    // All eight lanes are written; those past the kept ones are written again below.
                    (Avx512F.ConvertToVector256Int32(r.AsInt64()) + first).StoreUnsafe(ref slots[k]);
                    rng.Skip((ulong)kept);
                    k += kept;
                    if (kept < Vector512<ulong>.Count)
                    {
                        // The marked draw is spent, as in the one-by-one loop, which then draws again.
                        rng.Skip(1);
                        slots[k++] = column.First + DrawUnmarked(chosen, m, ref rng);
                    }
                }
            }
        }

        for (; k < slots.Length; k++)
        {
            slots[k] = column.First + DrawUnmarked(chosen, m, ref rng);
        }

        generator = rng;
    }

    /// <summary>A draw below <paramref name="m"/> that the bitmap does not mark, drawn again until one is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DrawUnmarked(ReadOnlySpan<ulong> chosen, int m, ref SplitMix64 rng)
    {
        int r;
        do
        {
            r = rng.NextInt(m);
        }
        while ((chosen[r >> 6] & (1UL << r)) != 0);

        return r;
    }

    /// <summary>The slots negatives are drawn from: <see cref="Count"/> of them from <see cref="First"/>.</summary>
    private readonly record struct Column(int First, int Count)
    {
        /// <summary>A slot of the column, each as likely.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Draw(ref SplitMix64 rng) => First + rng.NextInt(Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Contains(ReadOnlySpan<InteractionPair> run, int item)
    {
        foreach (InteractionPair pair in run)
        {
            if (pair.Item == item)
            {
                return true;
            }
        }

        return false;
    }
}
