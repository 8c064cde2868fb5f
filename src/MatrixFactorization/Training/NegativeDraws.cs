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
/// interactions with its column's items, as one ascending run. The run is stamped first: each of
/// its slots gets the run's number in a table of the column's slots, so that a slot is the run's
/// exactly when its stamp is the run's number, and nothing needs clearing afterwards. Then, by the
/// share of the column the run covers:
/// <list type="bullet">
/// <item>a run covering under half the column: draw, and draw again while the slot is stamped, on
/// average under two draws;</item>
/// <item>a run covering half the column or more: the slots it leaves out listed once, then one
/// draw among them; a user who chose every item of the column gets no negative there (−1).</item>
/// </list>
/// Listing costs one pass over the column, shared by the run's triples, of which a run covering
/// half a column has at least that many. On data where some users chose nearly everything, plain
/// rejection would instead draw without end.
/// </remarks>
internal sealed class NegativeDraws
{
    private readonly int[] _stamps;
    private readonly int[] _free;

    // The number of the run stamped last; the stamps hold no larger number.
    private int _run;

    /// <summary>Scratch for columns of up to <paramref name="largestColumn"/> items.</summary>
    public NegativeDraws(int largestColumn)
    {
        _stamps = new int[largestColumn];
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
            int end = BprRunStarts.Next(ref firstStart, start + 1);
            FillRun(pairs[start..end], column, ref rng, negatives[start..end]);
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

    /// <summary>Stamps the run's slots, then draws each of its negatives among the slots not stamped.</summary>
    private void FillRun(ReadOnlySpan<InteractionPair> run, Column column, ref SplitMix64 generator, Span<int> slots)
    {
        // In a local, as in FillAnyButPositive.
        SplitMix64 rng = generator;
        int m = column.Count;
        int stamp = NextStamp();
        Span<int> stamps = _stamps.AsSpan(0, m);

        // The run's slots ascend (the block is ordered by user, then slot), so a slot met twice is
        // met twice in a row: the run holds `marked` distinct slots. Each stamp is a store that
        // nothing reads back here, where a bitmap's bits were each read, or'ed and stored.
        int marked = 0, previous = -1;
        foreach (InteractionPair pair in run)
        {
            int position = pair.Item - column.First;
            stamps[position] = stamp;
            marked += position != previous ? 1 : 0;
            previous = position;
        }

        int free = m - marked;
        if (free == 0)
        {
            slots.Fill(-1);
        }
        else if (2 * free > m)
        {
            DrawUnstamped(stamps, stamp, column.First, ref rng, slots);
        }
        else
        {
            Span<int> unmarked = _free.AsSpan(0, free);
            int count = 0;
            for (int position = 0; position < m; position++)
            {
                if (stamps[position] != stamp)
                {
                    unmarked[count++] = column.First + position;
                }
            }

            for (int k = 0; k < slots.Length; k++)
            {
                slots[k] = unmarked[rng.NextInt(free)];
            }
        }

        generator = rng;
    }

    /// <summary>A number no stamp holds yet; the stamps are cleared once every two billion runs, when the numbers run out.</summary>
    private int NextStamp()
    {
        if (_run == int.MaxValue)
        {
            Array.Clear(_stamps);
            _run = 0;
        }

        return ++_run;
    }

    /// <summary>
    /// Fills each slot with a draw from the column, drawn again while it holds <paramref name="stamp"/>:
    /// rejection sampling, for a run covering under half the column.
    /// </summary>
    /// <remarks>
    /// With AVX-512, eight draws are made at once (<see cref="SplitMix64.PeekInts"/>) and tested
    /// with one gather of their stamps. The draws before the first stamped one are exactly those
    /// the one-by-one loop accepts, so they are kept and the generator skips past them; at a
    /// stamped draw the loop goes on one by one until a draw is free, as it would have. The
    /// negatives, and so the model, are the same either way.
    /// </remarks>
    private static unsafe void DrawUnstamped(ReadOnlySpan<int> stamps, int stamp, int first, ref SplitMix64 generator, Span<int> slots)
    {
        SplitMix64 rng = generator;
        int m = stamps.Length;
        int k = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            Vector256<int> firstSlot = Vector256.Create(first), run = Vector256.Create(stamp);
            fixed (int* table = stamps)
            {
                while (k + Vector512<ulong>.Count <= slots.Length)
                {
                    // Every draw is below m, so its stamp is within the table.
                    Vector256<int> r = Avx512F.ConvertToVector256Int32(rng.PeekInts(m).AsInt64());
                    Vector256<int> stamped = Vector256.Equals(Avx2.GatherVector256(table, r, sizeof(int)), run);
                    uint rejected = Vector256.ExtractMostSignificantBits(stamped);
                    int kept = rejected == 0 ? Vector256<int>.Count : BitOperations.TrailingZeroCount(rejected);

                    // All eight lanes are written; those past the kept ones are written again below.
                    (r + firstSlot).StoreUnsafe(ref slots[k]);
                    rng.Skip((ulong)kept);
                    k += kept;
                    if (kept < Vector256<int>.Count)
                    {
                        // The stamped draw is spent, as in the one-by-one loop, which then draws again.
                        rng.Skip(1);
                        slots[k++] = first + DrawUnstamped(stamps, stamp, ref rng);
                    }
                }
            }
        }

        for (; k < slots.Length; k++)
        {
            slots[k] = first + DrawUnstamped(stamps, stamp, ref rng);
        }

        generator = rng;
    }

    /// <summary>A draw below the table's length whose stamp is not <paramref name="stamp"/>, drawn again until one is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DrawUnstamped(ReadOnlySpan<int> stamps, int stamp, ref SplitMix64 rng)
    {
        int r;
        do
        {
            r = rng.NextInt(stamps.Length);
        }
        while (stamps[r] == stamp);

        return r;
    }

    /// <summary>The slots negatives are drawn from: <see cref="Count"/> of them from <see cref="First"/>.</summary>
    private readonly record struct Column(int First, int Count)
    {
        /// <summary>A slot of the column, each as likely.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Draw(ref SplitMix64 rng) => First + rng.NextInt(Count);
    }
}
