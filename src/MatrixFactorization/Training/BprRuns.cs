using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>
/// Steps one run of a user's consecutive triples with the user's row held fixed over the run (the
/// "cached user term" of SVD++ trainers): each triple's weight and item steps use the p_u the run
/// started with, and p_u takes the run's summed step once, at its end.
/// </summary>
/// <remarks>
/// <para>For the m triples of a run, with p the user's row at the start of the run, each triple
/// computes x = b_i − b_j + p·(q_i − q_j), w = σ(−x), g = η·w and steps
/// <code>
/// q_i ← d·q_i + g·p        q_j ← d·q_j − g·p        s ← s + g·(q_i − q_j)   (old q)
/// </code>
/// and the run ends with p ← dᵐ·p + s, d = 1 − ηλ. That is the per-triple rule exactly for m = 1;
/// for m &gt; 1 it is what the per-triple rule would give if p's own steps within the run did not
/// feed back into the run's weights and item steps. The gain is that the triples of a run no
/// longer wait on each other through p (its load, the dot product, the exponential, the division
/// and its store, every triple): the only chain left is the sum s, one multiply-add a triple.</para>
/// <para>Items are stepped at once, so a row met twice in a run (a negative drawn twice) sees its
/// own earlier step, as in the per-triple rule.</para>
/// <para>Every path rounds the item steps alike: g·p once, then d·q + g·p and d·q − g·p each as one
/// fused multiply-add, so the product g·p serves both rows.</para>
/// </remarks>
internal static class BprRuns
{
    // Where a group's parts lie in its scratch (BprGroups.ScratchLength values): its negatives
    // from 0, then as floats its gains, its score differences and four partial sums per triple.
    private const int GainsAt = BprGroups.Largest;
    private const int DifferencesAt = 2 * BprGroups.Largest;
    private const int PartialsAt = 3 * BprGroups.Largest;

    /// <summary>
    /// Rows of exactly four vectors (k = 64 with 512-bit vectors, k = 32 with 256-bit ones): p and
    /// the sum s stay in registers for the whole run. The run's triples go in groups
    /// (<see cref="BprGroups"/>): first every score difference of a group, then their weights in one
    /// vector, then the steps, each with exactly the values the triple-by-triple order gives.
    /// </summary>
    /// <remarks>
    /// One triple's path from its rows to its step (the dot product, its horizontal sum, the
    /// exponential, the division) is a hundred cycles or more of latency in some two hundred
    /// instructions, more than the processor can look past to the next triple; in a group the
    /// differences do not wait on each other and the weights share one exponential and one division.
    /// <paramref name="group"/> is scratch for <see cref="BprGroups.ScratchLength"/> values.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Four<TSimd, TVec, TBiases>(in BprContext context, ref int group, ref InteractionPair pairs, ref int slots, int start, int end, int last, int ahead)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
        where TBiases : struct, IItemBiases
    {
        nuint w = (nuint)TSimd.Count;
        int stride = 4 * TSimd.Count;
        ref float p = ref BprContext.Row(ref context.P, Unsafe.Add(ref pairs, start).User, stride);

        // SAFETY (every row access below): the rows hold 4 * Count floats, the stride of the loop.
        TVec p0 = TSimd.Load(ref p, 0), p1 = TSimd.Load(ref p, w), p2 = TSimd.Load(ref p, 2 * w), p3 = TSimd.Load(ref p, 3 * w);
        TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
        TVec dq = TSimd.Create(context.DecayQ);
        Vector256<float> learningRate = Vector256.Create(context.LearningRate);
        float decay = 1f;

        // In locals: read through the context, they would be read again after every store to the
        // rows, which might (for all the compiler knows) have changed them.
        ref float biases = ref context.ItemBiases;
        ref float q = ref context.Q;
        float decayB = context.DecayB, decayP = context.DecayP;

        // SAFETY (group): BprGroups.ScratchLength values, laid out as GainsAt and the others say.
        // One reference for the whole scratch, the parts at constant offsets from it: three
        // references of their own took three registers, and the loop spilled them.
        ref float scratch = ref Unsafe.As<int, float>(ref group);
        int t = start;
        while (t < end)
        {
            // Groups of up to sixteen: a run of up to sixteen triples then pays for one wait on
            // its weights instead of two.
            int n = BprGroups.LengthOfTwo(ref pairs, ref slots, t, Math.Min(BprGroups.Largest, end - t), last + 1);
            for (int k = 0; k < n; k++)
            {
                int negative = Begin(ref q, ref pairs, ref slots, ref group, t, k, ahead, last, stride);
                if (negative < 0)
                {
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref q, positive, stride);
                ref float qj = ref BprContext.Row(ref q, negative, stride);
                TVec low = TSimd.MultiplyAdd(
                    p1,
                    TSimd.Subtract(TSimd.Load(ref qi, w), TSimd.Load(ref qj, w)),
                    TSimd.Multiply(p0, TSimd.Subtract(TSimd.Load(ref qi, 0), TSimd.Load(ref qj, 0))));
                TVec high = TSimd.MultiplyAdd(
                    p3,
                    TSimd.Subtract(TSimd.Load(ref qi, 3 * w), TSimd.Load(ref qj, 3 * w)),
                    TSimd.Multiply(p2, TSimd.Subtract(TSimd.Load(ref qi, 2 * w), TSimd.Load(ref qj, 2 * w))));
                TVec sum = TSimd.Add(low, high);
                StorePartials<TSimd, TVec, TBiases>(ref biases, sum, positive, negative, ref scratch, k);
            }

            Weigh(ref scratch, learningRate, n);
            for (int k = 0; k < n; k++)
            {
                int negative = Unsafe.Add(ref group, k);
                if (negative < 0)
                {
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref q, positive, stride);
                ref float qj = ref BprContext.Row(ref q, negative, stride);
                float gain = Unsafe.Add(ref scratch, GainsAt + k);
                Unsafe.As<int, float>(ref Unsafe.Add(ref slots, t + k)) = Unsafe.Add(ref scratch, DifferencesAt + k);
                TVec i0 = TSimd.Load(ref qi, 0), i1 = TSimd.Load(ref qi, w), i2 = TSimd.Load(ref qi, 2 * w), i3 = TSimd.Load(ref qi, 3 * w);
                TVec j0 = TSimd.Load(ref qj, 0), j1 = TSimd.Load(ref qj, w), j2 = TSimd.Load(ref qj, 2 * w), j3 = TSimd.Load(ref qj, 3 * w);
                TVec g = TSimd.Create(gain);
                TVec gp0 = TSimd.Multiply(g, p0), gp1 = TSimd.Multiply(g, p1), gp2 = TSimd.Multiply(g, p2), gp3 = TSimd.Multiply(g, p3);

                // The user's sum first: the item rows' registers are then free for their new values.
                s0 = TSimd.MultiplyAdd(g, TSimd.Subtract(i0, j0), s0);
                s1 = TSimd.MultiplyAdd(g, TSimd.Subtract(i1, j1), s1);
                s2 = TSimd.MultiplyAdd(g, TSimd.Subtract(i2, j2), s2);
                s3 = TSimd.MultiplyAdd(g, TSimd.Subtract(i3, j3), s3);
                TSimd.Store(TSimd.MultiplyAdd(dq, i0, gp0), ref qi, 0);
                TSimd.Store(TSimd.MultiplyAdd(dq, i1, gp1), ref qi, w);
                TSimd.Store(TSimd.MultiplyAdd(dq, i2, gp2), ref qi, 2 * w);
                TSimd.Store(TSimd.MultiplyAdd(dq, i3, gp3), ref qi, 3 * w);
                TSimd.Store(TSimd.MultiplySubtract(dq, j0, gp0), ref qj, 0);
                TSimd.Store(TSimd.MultiplySubtract(dq, j1, gp1), ref qj, w);
                TSimd.Store(TSimd.MultiplySubtract(dq, j2, gp2), ref qj, 2 * w);
                TSimd.Store(TSimd.MultiplySubtract(dq, j3, gp3), ref qj, 3 * w);
                decay *= decayP;
                StepBiases<TBiases>(ref biases, decayB, positive, negative, gain);
            }

            t += n;
        }

        TVec dp = TSimd.Create(decay);
        TSimd.Store(TSimd.MultiplyAdd(dp, p0, s0), ref p, 0);
        TSimd.Store(TSimd.MultiplyAdd(dp, p1, s1), ref p, w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p2, s2), ref p, 2 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p3, s3), ref p, 3 * w);
    }

    /// <summary>
    /// Rows of exactly eight vectors (k = 64 with 256-bit vectors): the sum s stays in registers
    /// for the whole run and p is read from its row, which nothing writes until the run ends,
    /// since p, s and the item rows together would not fit the sixteen registers. The triples go
    /// in groups as in <see cref="Four"/>.
    /// </summary>
    /// <remarks>
    /// With p in registers and s in memory instead, each triple's step loaded and stored all of s
    /// again: eight more stores a triple next to the item rows' sixteen, where the stores are what
    /// the step waits on most. Reads of p fold into the arithmetic as memory operands.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Eight<TSimd, TVec, TBiases>(in BprContext context, ref int group, ref InteractionPair pairs, ref int slots, int start, int end, int last, int ahead)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
        where TBiases : struct, IItemBiases
    {
        nuint w = (nuint)TSimd.Count;
        int stride = 8 * TSimd.Count;
        ref float p = ref BprContext.Row(ref context.P, Unsafe.Add(ref pairs, start).User, stride);

        // SAFETY (every row access below): the rows hold 8 * Count floats, the stride of the loop.
        TVec s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
        TVec s4 = TSimd.Zero, s5 = TSimd.Zero, s6 = TSimd.Zero, s7 = TSimd.Zero;
        TVec dq = TSimd.Create(context.DecayQ);
        Vector256<float> learningRate = Vector256.Create(context.LearningRate);
        float decay = 1f;

        // In locals: read through the context, they would be read again after every store to the
        // rows, which might (for all the compiler knows) have changed them.
        ref float biases = ref context.ItemBiases;
        ref float q = ref context.Q;
        float decayB = context.DecayB, decayP = context.DecayP;

        // SAFETY (group): as in Four, and as there one reference for the whole scratch.
        ref float scratch = ref Unsafe.As<int, float>(ref group);
        int t = start;
        while (t < end)
        {
            int n = BprGroups.LengthOfTwo(ref pairs, ref slots, t, Math.Min(BprGroups.Largest, end - t), last + 1);
            for (int k = 0; k < n; k++)
            {
                int negative = Begin(ref q, ref pairs, ref slots, ref group, t, k, ahead, last, stride);
                if (negative < 0)
                {
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref q, positive, stride);
                ref float qj = ref BprContext.Row(ref q, negative, stride);

                // In the four accumulators of BprStepKernel.DifferenceWhole.
                TVec a0 = TSimd.Multiply(TSimd.Load(ref p, 0 * w), TSimd.Subtract(TSimd.Load(ref qi, 0 * w), TSimd.Load(ref qj, 0 * w)));
                TVec a1 = TSimd.Multiply(TSimd.Load(ref p, 1 * w), TSimd.Subtract(TSimd.Load(ref qi, 1 * w), TSimd.Load(ref qj, 1 * w)));
                TVec a2 = TSimd.Multiply(TSimd.Load(ref p, 2 * w), TSimd.Subtract(TSimd.Load(ref qi, 2 * w), TSimd.Load(ref qj, 2 * w)));
                TVec a3 = TSimd.Multiply(TSimd.Load(ref p, 3 * w), TSimd.Subtract(TSimd.Load(ref qi, 3 * w), TSimd.Load(ref qj, 3 * w)));
                a0 = TSimd.MultiplyAdd(TSimd.Load(ref p, 4 * w), TSimd.Subtract(TSimd.Load(ref qi, 4 * w), TSimd.Load(ref qj, 4 * w)), a0);
                a1 = TSimd.MultiplyAdd(TSimd.Load(ref p, 5 * w), TSimd.Subtract(TSimd.Load(ref qi, 5 * w), TSimd.Load(ref qj, 5 * w)), a1);
                a2 = TSimd.MultiplyAdd(TSimd.Load(ref p, 6 * w), TSimd.Subtract(TSimd.Load(ref qi, 6 * w), TSimd.Load(ref qj, 6 * w)), a2);
                a3 = TSimd.MultiplyAdd(TSimd.Load(ref p, 7 * w), TSimd.Subtract(TSimd.Load(ref qi, 7 * w), TSimd.Load(ref qj, 7 * w)), a3);
                StorePartials<TSimd, TVec, TBiases>(ref biases, TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3)), positive, negative, ref scratch, k);
            }

            Weigh(ref scratch, learningRate, n);
            for (int k = 0; k < n; k++)
            {
                int negative = Unsafe.Add(ref group, k);
                if (negative < 0)
                {
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref q, positive, stride);
                ref float qj = ref BprContext.Row(ref q, negative, stride);
                float gain = Unsafe.Add(ref scratch, GainsAt + k);
                Unsafe.As<int, float>(ref Unsafe.Add(ref slots, t + k)) = Unsafe.Add(ref scratch, DifferencesAt + k);
                TVec g = TSimd.Create(gain);
                s0 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s0, 0 * w, g, dq);
                s1 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s1, 1 * w, g, dq);
                s2 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s2, 2 * w, g, dq);
                s3 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s3, 3 * w, g, dq);
                s4 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s4, 4 * w, g, dq);
                s5 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s5, 5 * w, g, dq);
                s6 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s6, 6 * w, g, dq);
                s7 = Update<TSimd, TVec>(ref p, ref qi, ref qj, s7, 7 * w, g, dq);
                decay *= decayP;
                StepBiases<TBiases>(ref biases, decayB, positive, negative, gain);
            }

            t += n;
        }

        TVec dp = TSimd.Create(decay);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 0 * w), s0), ref p, 0 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 1 * w), s1), ref p, 1 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 2 * w), s2), ref p, 2 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 3 * w), s3), ref p, 3 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 4 * w), s4), ref p, 4 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 5 * w), s5), ref p, 5 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 6 * w), s6), ref p, 6 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, 7 * w), s7), ref p, 7 * w);
    }

    /// <summary>
    /// Begins triple t + <paramref name="k"/> of a group: prefetches the item rows of the triple a
    /// look-ahead later, records the triple's negative in the group and returns it. A triple
    /// without a negative (−1) gets loss 0 in its slot and zero partial sums, and takes no step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Begin(ref float q, ref InteractionPair pairs, ref int slots, ref int group, int t, int k, int ahead, int last, int stride)
    {
        // SAFETY: t + k < end <= last + 1 and the look-ahead is clamped to last.
        ref int slot = ref Unsafe.Add(ref slots, t + k);
        int next = Math.Min(t + k + ahead, last);
        Prefetcher.Row(ref q, Unsafe.Add(ref pairs, next).Item, stride);
        Prefetcher.Row(ref q, Unsafe.Add(ref slots, next), stride);
        int negative = slot;
        Unsafe.Add(ref group, k) = negative;
        if (negative < 0)
        {
            Unsafe.As<int, float>(ref slot) = float.PositiveInfinity;
            Vector128<float>.Zero.StoreUnsafe(ref Unsafe.As<int, float>(ref group), (nuint)(PartialsAt + (4 * k)));
        }

        return negative;
    }

    /// <summary>
    /// Weighs a group of <paramref name="n"/> triples: finishes their score differences from the
    /// partial sums and turns them into gains η·w, eight at a time. Lanes past n hold an earlier
    /// group's sums; their weights are not used. A second eight's weights do not wait on the first's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Weigh(ref float scratch, Vector256<float> learningRate, int n)
    {
        Vector256<float> x = BprStepKernel.SumsOfEight(ref Unsafe.Add(ref scratch, PartialsAt));
        Vector256.StoreUnsafe(x, ref scratch, DifferencesAt);
        Vector256.StoreUnsafe(learningRate * BprStepKernel.Weights(x), ref scratch, GainsAt);
        if (n > BprGroups.Size)
        {
            // SAFETY: the scratch holds BprGroups.Largest of each.
            Vector256<float> more = BprStepKernel.SumsOfEight(ref Unsafe.Add(ref scratch, PartialsAt + (4 * BprGroups.Size)));
            Vector256.StoreUnsafe(more, ref scratch, DifferencesAt + BprGroups.Size);
            Vector256.StoreUnsafe(learningRate * BprStepKernel.Weights(more), ref scratch, GainsAt + BprGroups.Size);
        }
    }

    /// <summary>
    /// Leaves triple <paramref name="k"/>'s products, folded to four partial sums with the bias
    /// difference b_i − b_j added to the first, at 4k among the partial sums in <paramref name="scratch"/>, for
    /// <see cref="BprStepKernel.SumsOfEight"/> to finish with the group's other triples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePartials<TSimd, TVec, TBiases>(ref float biases, TVec products, int positive, int negative, ref float scratch, int k)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
        where TBiases : struct, IItemBiases
    {
        Vector128<float> folded = TSimd.Fold(products);
        if (TBiases.Enabled)
        {
            // SAFETY: as in StepBiases.
            folded += Vector128.CreateScalar(Unsafe.Add(ref biases, positive) - Unsafe.Add(ref biases, negative));
        }

        // SAFETY: k < BprGroups.Largest, and the partials hold four floats per triple of a group.
        folded.StoreUnsafe(ref scratch, (nuint)(PartialsAt + (4 * k)));
    }

    /// <summary>One vector of a triple's step in <see cref="Eight"/>: the two item rows from their old values, and s + g·(q_i − q_j) returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Update<TSimd, TVec>(ref float p, ref float qi, ref float qj, TVec sum, nuint offset, TVec g, TVec dq)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec i = TSimd.Load(ref qi, offset), j = TSimd.Load(ref qj, offset);
        TVec gp = TSimd.Multiply(g, TSimd.Load(ref p, offset));
        TSimd.Store(TSimd.MultiplyAdd(dq, i, gp), ref qi, offset);
        TSimd.Store(TSimd.MultiplySubtract(dq, j, gp), ref qj, offset);
        return TSimd.MultiplyAdd(g, TSimd.Subtract(i, j), sum);
    }

    /// <summary>
    /// Any padded stride on a vector path: p stays in memory, unwritten until the run ends, and the
    /// sum s is kept in <paramref name="sums"/> (at least a stride of floats, zero on entry and on return).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Whole<TSimd, TVec, TBiases>(in BprContext context, int stride, ref float sums, ref InteractionPair pairs, ref int slots, int start, int end, int last, int ahead)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
        where TBiases : struct, IItemBiases
    {
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)stride;
        ref float p = ref BprContext.Row(ref context.P, Unsafe.Add(ref pairs, start).User, stride);
        TVec dq = TSimd.Create(context.DecayQ);
        float decay = 1f;

        // In locals: read through the context, they would be read again after every store to the
        // rows, which might (for all the compiler knows) have changed them.
        ref float biases = ref context.ItemBiases;
        ref float q = ref context.Q;
        float decayB = context.DecayB, decayP = context.DecayP;
        for (int t = start; t < end; t++)
        {
            // SAFETY: as in Four; every row and the sums hold `stride` floats, a multiple of the width.
            ref int slot = ref Unsafe.Add(ref slots, t);
            int next = Math.Min(t + ahead, last);
            Prefetcher.Row(ref q, Unsafe.Add(ref pairs, next).Item, stride);
            Prefetcher.Row(ref q, Unsafe.Add(ref slots, next), stride);
            int negative = slot;
            if (negative < 0)
            {
                Unsafe.As<int, float>(ref slot) = float.PositiveInfinity;
                continue;
            }

            int positive = Unsafe.Add(ref pairs, t).Item;
            ref float qi = ref BprContext.Row(ref q, positive, stride);
            ref float qj = ref BprContext.Row(ref q, negative, stride);
            float x = (TBiases.Enabled ? Unsafe.Add(ref biases, positive) - Unsafe.Add(ref biases, negative) : 0f) + BprStepKernel.DifferenceWhole<TSimd, TVec>(ref p, ref qi, ref qj, n);
            float gain = context.LearningRate * BprStepKernel.Weight(x);
            TVec g = TSimd.Create(gain);
            for (nuint f = 0; f < n; f += width)
            {
                TVec pv = TSimd.Load(ref p, f), iv = TSimd.Load(ref qi, f), jv = TSimd.Load(ref qj, f);
                TVec gp = TSimd.Multiply(g, pv);
                TSimd.Store(TSimd.MultiplyAdd(g, TSimd.Subtract(iv, jv), TSimd.Load(ref sums, f)), ref sums, f);
                TSimd.Store(TSimd.MultiplyAdd(dq, iv, gp), ref qi, f);
                TSimd.Store(TSimd.MultiplySubtract(dq, jv, gp), ref qj, f);
            }

            decay *= decayP;
            StepBiases<TBiases>(ref biases, decayB, positive, negative, gain);
            Unsafe.As<int, float>(ref slot) = x;
        }

        TVec dp = TSimd.Create(decay);
        for (nuint f = 0; f < n; f += width)
        {
            TSimd.Store(TSimd.MultiplyAdd(dp, TSimd.Load(ref p, f), TSimd.Load(ref sums, f)), ref p, f);
            TSimd.Store(TSimd.Zero, ref sums, f);
        }
    }

    /// <summary><see cref="Whole"/> without vectors, in the same operations, fused as the vector paths fuse them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Scalar<TBiases>(in BprContext context, int stride, ref float sums, ref InteractionPair pairs, ref int slots, int start, int end)
        where TBiases : struct, IItemBiases
    {
        ref float p = ref BprContext.Row(ref context.P, Unsafe.Add(ref pairs, start).User, stride);
        float dq = context.DecayQ;
        float decay = 1f;

        // In locals: read through the context, they would be read again after every store to the
        // rows, which might (for all the compiler knows) have changed them.
        ref float biases = ref context.ItemBiases;
        float decayB = context.DecayB;
        for (int t = start; t < end; t++)
        {
            // SAFETY: as in Whole.
            ref int slot = ref Unsafe.Add(ref slots, t);
            int negative = slot;
            if (negative < 0)
            {
                Unsafe.As<int, float>(ref slot) = float.PositiveInfinity;
                continue;
            }

            int positive = Unsafe.Add(ref pairs, t).Item;
            ref float qi = ref BprContext.Row(ref context.Q, positive, stride);
            ref float qj = ref BprContext.Row(ref context.Q, negative, stride);
            float x = (TBiases.Enabled ? Unsafe.Add(ref biases, positive) - Unsafe.Add(ref biases, negative) : 0f) + BprStepKernel.DifferenceScalar(ref p, ref qi, ref qj, stride);
            float gain = context.LearningRate * BprStepKernel.Weight(x);
            for (int f = 0; f < stride; f++)
            {
                float pf = Unsafe.Add(ref p, f);
                ref float qif = ref Unsafe.Add(ref qi, f);
                ref float qjf = ref Unsafe.Add(ref qj, f);
                ref float sf = ref Unsafe.Add(ref sums, f);
                float iv = qif, jv = qjf, gp = gain * pf;
                sf = MathF.FusedMultiplyAdd(gain, iv - jv, sf);
                qif = MathF.FusedMultiplyAdd(dq, iv, gp);
                qjf = MathF.FusedMultiplyAdd(dq, jv, -gp);
            }

            decay *= context.DecayP;
            StepBiases<TBiases>(ref biases, decayB, positive, negative, gain);
            Unsafe.As<int, float>(ref slot) = x;
        }

        for (int f = 0; f < stride; f++)
        {
            ref float sf = ref Unsafe.Add(ref sums, f);
            ref float pf = ref Unsafe.Add(ref p, f);
            pf = MathF.FusedMultiplyAdd(decay, pf, sf);
            sf = 0f;
        }
    }

    /// <summary>b_i ← d_b·b_i + g and b_j ← d_b·b_j − g, the biases' share of a triple's step (g = η·w).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepBiases<TBiases>(ref float biases, float decayB, int positive, int negative, float gain)
        where TBiases : struct, IItemBiases
    {
        if (TBiases.Enabled)
        {
            // SAFETY: with biases, the context holds one per item (slot) of the block's column.
            ref float positiveBias = ref Unsafe.Add(ref biases, positive);
            positiveBias = (decayB * positiveBias) + gain;
            ref float negativeBias = ref Unsafe.Add(ref biases, negative);
            negativeBias = (decayB * negativeBias) - gain;
        }
    }
}
