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
/// </remarks>
internal static class BprRuns
{

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
    /// <paramref name="group"/> is scratch for 2 × <see cref="BprGroups.Size"/> values.
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

        // SAFETY (group): it holds a group's negatives, then its score differences and gains as floats.
        ref float gains = ref Unsafe.As<int, float>(ref Unsafe.Add(ref group, BprGroups.Size));
        int t = start;
        while (t < end)
        {
            int n = BprGroups.Length(ref pairs, ref slots, t, Math.Min(BprGroups.Size, end - t), last + 1);
            Vector256<float> differences = Vector256<float>.Zero;
            for (int k = 0; k < n; k++)
            {
                // SAFETY: t + k < end <= last + 1 and the look-ahead is clamped to last.
                ref int slot = ref Unsafe.Add(ref slots, t + k);
                int next = Math.Min(t + k + ahead, last);
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref pairs, next).Item, stride);
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref slots, next), stride);
                int negative = slot;
                Unsafe.Add(ref group, k) = negative;
                if (negative < 0)
                {
                    Unsafe.As<int, float>(ref slot) = float.PositiveInfinity;
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref context.Q, positive, stride);
                ref float qj = ref BprContext.Row(ref context.Q, negative, stride);
                TVec zero = TSimd.Zero;
                TVec sum = TSimd.Add(
                    TSimd.Add(
                        TSimd.MultiplyAdd(p0, TSimd.Subtract(TSimd.Load(ref qi, 0), TSimd.Load(ref qj, 0)), zero),
                        TSimd.MultiplyAdd(p1, TSimd.Subtract(TSimd.Load(ref qi, w), TSimd.Load(ref qj, w)), zero)),
                    TSimd.Add(
                        TSimd.MultiplyAdd(p2, TSimd.Subtract(TSimd.Load(ref qi, 2 * w), TSimd.Load(ref qj, 2 * w)), zero),
                        TSimd.MultiplyAdd(p3, TSimd.Subtract(TSimd.Load(ref qi, 3 * w), TSimd.Load(ref qj, 3 * w)), zero)));
                float x = (TBiases.Enabled ? context.Bias(positive) - context.Bias(negative) : 0f) + TSimd.Sum(sum);
                Unsafe.As<int, float>(ref slot) = x;

                // Into lane k in registers: stored one by one and loaded as a vector, the lanes would
                // wait for the stores to reach the cache, every group.
                differences = Vector256.ConditionalSelect(Vector256.Equals(Vector256<int>.Indices, Vector256.Create(k)).AsSingle(), Vector256.Create(x), differences);
            }

            // Lanes past n (and of triples without a negative) hold 0; their weights are not used.
            Vector256.StoreUnsafe(learningRate * BprStepKernel.Weights(differences), ref gains);
            for (int k = 0; k < n; k++)
            {
                int negative = Unsafe.Add(ref group, k);
                if (negative < 0)
                {
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref context.Q, positive, stride);
                ref float qj = ref BprContext.Row(ref context.Q, negative, stride);
                float gain = Unsafe.Add(ref gains, k);
                TVec i0 = TSimd.Load(ref qi, 0), i1 = TSimd.Load(ref qi, w), i2 = TSimd.Load(ref qi, 2 * w), i3 = TSimd.Load(ref qi, 3 * w);
                TVec j0 = TSimd.Load(ref qj, 0), j1 = TSimd.Load(ref qj, w), j2 = TSimd.Load(ref qj, 2 * w), j3 = TSimd.Load(ref qj, 3 * w);
                TVec g = TSimd.Create(gain), ng = TSimd.Create(-gain);
                TSimd.Store(TSimd.MultiplyAdd(g, p0, TSimd.Multiply(dq, i0)), ref qi, 0);
                TSimd.Store(TSimd.MultiplyAdd(g, p1, TSimd.Multiply(dq, i1)), ref qi, w);
                TSimd.Store(TSimd.MultiplyAdd(g, p2, TSimd.Multiply(dq, i2)), ref qi, 2 * w);
                TSimd.Store(TSimd.MultiplyAdd(g, p3, TSimd.Multiply(dq, i3)), ref qi, 3 * w);
                TSimd.Store(TSimd.MultiplyAdd(ng, p0, TSimd.Multiply(dq, j0)), ref qj, 0);
                TSimd.Store(TSimd.MultiplyAdd(ng, p1, TSimd.Multiply(dq, j1)), ref qj, w);
                TSimd.Store(TSimd.MultiplyAdd(ng, p2, TSimd.Multiply(dq, j2)), ref qj, 2 * w);
                TSimd.Store(TSimd.MultiplyAdd(ng, p3, TSimd.Multiply(dq, j3)), ref qj, 3 * w);
                s0 = TSimd.MultiplyAdd(g, TSimd.Subtract(i0, j0), s0);
                s1 = TSimd.MultiplyAdd(g, TSimd.Subtract(i1, j1), s1);
                s2 = TSimd.MultiplyAdd(g, TSimd.Subtract(i2, j2), s2);
                s3 = TSimd.MultiplyAdd(g, TSimd.Subtract(i3, j3), s3);
                decay *= context.DecayP;
                StepBiases<TBiases>(in context, positive, negative, gain);
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
    /// Rows of exactly eight vectors (k = 64 with 256-bit vectors): p stays in registers for the
    /// whole run and the sum s in <paramref name="sums"/> (zero on entry and on return), since
    /// p, s and the item rows together would not fit the sixteen registers. The triples go in
    /// groups as in <see cref="Four"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Eight<TSimd, TVec, TBiases>(in BprContext context, ref int group, ref float sums, ref InteractionPair pairs, ref int slots, int start, int end, int last, int ahead)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
        where TBiases : struct, IItemBiases
    {
        nuint w = (nuint)TSimd.Count;
        int stride = 8 * TSimd.Count;
        ref float p = ref BprContext.Row(ref context.P, Unsafe.Add(ref pairs, start).User, stride);

        // SAFETY (every row access below): the rows and the sums hold 8 * Count floats, the stride of the loop.
        TVec p0 = TSimd.Load(ref p, 0 * w);
        TVec p1 = TSimd.Load(ref p, 1 * w);
        TVec p2 = TSimd.Load(ref p, 2 * w);
        TVec p3 = TSimd.Load(ref p, 3 * w);
        TVec p4 = TSimd.Load(ref p, 4 * w);
        TVec p5 = TSimd.Load(ref p, 5 * w);
        TVec p6 = TSimd.Load(ref p, 6 * w);
        TVec p7 = TSimd.Load(ref p, 7 * w);
        TVec dq = TSimd.Create(context.DecayQ);
        Vector256<float> learningRate = Vector256.Create(context.LearningRate);
        float decay = 1f;

        // SAFETY (group): as in Four.
        ref float gains = ref Unsafe.As<int, float>(ref Unsafe.Add(ref group, BprGroups.Size));
        int t = start;
        while (t < end)
        {
            int n = BprGroups.Length(ref pairs, ref slots, t, Math.Min(BprGroups.Size, end - t), last + 1);
            Vector256<float> differences = Vector256<float>.Zero;
            for (int k = 0; k < n; k++)
            {
                // SAFETY: as in Four.
                ref int slot = ref Unsafe.Add(ref slots, t + k);
                int next = Math.Min(t + k + ahead, last);
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref pairs, next).Item, stride);
                Prefetcher.Row(ref context.Q, Unsafe.Add(ref slots, next), stride);
                int negative = slot;
                Unsafe.Add(ref group, k) = negative;
                if (negative < 0)
                {
                    Unsafe.As<int, float>(ref slot) = float.PositiveInfinity;
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref context.Q, positive, stride);
                ref float qj = ref BprContext.Row(ref context.Q, negative, stride);

                // In the four accumulators and the order of BprStepKernel.DifferenceWhole, so this path
                // sums as Whole does on the same width.
                TVec a0 = TSimd.Multiply(p0, TSimd.Subtract(TSimd.Load(ref qi, 0 * w), TSimd.Load(ref qj, 0 * w)));
                TVec a1 = TSimd.Multiply(p1, TSimd.Subtract(TSimd.Load(ref qi, 1 * w), TSimd.Load(ref qj, 1 * w)));
                TVec a2 = TSimd.Multiply(p2, TSimd.Subtract(TSimd.Load(ref qi, 2 * w), TSimd.Load(ref qj, 2 * w)));
                TVec a3 = TSimd.Multiply(p3, TSimd.Subtract(TSimd.Load(ref qi, 3 * w), TSimd.Load(ref qj, 3 * w)));
                a0 = TSimd.MultiplyAdd(p4, TSimd.Subtract(TSimd.Load(ref qi, 4 * w), TSimd.Load(ref qj, 4 * w)), a0);
                a1 = TSimd.MultiplyAdd(p5, TSimd.Subtract(TSimd.Load(ref qi, 5 * w), TSimd.Load(ref qj, 5 * w)), a1);
                a2 = TSimd.MultiplyAdd(p6, TSimd.Subtract(TSimd.Load(ref qi, 6 * w), TSimd.Load(ref qj, 6 * w)), a2);
                a3 = TSimd.MultiplyAdd(p7, TSimd.Subtract(TSimd.Load(ref qi, 7 * w), TSimd.Load(ref qj, 7 * w)), a3);
                float x = (TBiases.Enabled ? context.Bias(positive) - context.Bias(negative) : 0f) + TSimd.Sum(TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3)));
                Unsafe.As<int, float>(ref slot) = x;
                differences = Vector256.ConditionalSelect(Vector256.Equals(Vector256<int>.Indices, Vector256.Create(k)).AsSingle(), Vector256.Create(x), differences);
            }

            Vector256.StoreUnsafe(learningRate * BprStepKernel.Weights(differences), ref gains);
            for (int k = 0; k < n; k++)
            {
                int negative = Unsafe.Add(ref group, k);
                if (negative < 0)
                {
                    continue;
                }

                int positive = Unsafe.Add(ref pairs, t + k).Item;
                ref float qi = ref BprContext.Row(ref context.Q, positive, stride);
                ref float qj = ref BprContext.Row(ref context.Q, negative, stride);
                float gain = Unsafe.Add(ref gains, k);
                TVec g = TSimd.Create(gain), ng = TSimd.Create(-gain);
                Update<TSimd, TVec>(p0, ref qi, ref qj, ref sums, 0 * w, g, ng, dq);
                Update<TSimd, TVec>(p1, ref qi, ref qj, ref sums, 1 * w, g, ng, dq);
                Update<TSimd, TVec>(p2, ref qi, ref qj, ref sums, 2 * w, g, ng, dq);
                Update<TSimd, TVec>(p3, ref qi, ref qj, ref sums, 3 * w, g, ng, dq);
                Update<TSimd, TVec>(p4, ref qi, ref qj, ref sums, 4 * w, g, ng, dq);
                Update<TSimd, TVec>(p5, ref qi, ref qj, ref sums, 5 * w, g, ng, dq);
                Update<TSimd, TVec>(p6, ref qi, ref qj, ref sums, 6 * w, g, ng, dq);
                Update<TSimd, TVec>(p7, ref qi, ref qj, ref sums, 7 * w, g, ng, dq);
                decay *= context.DecayP;
                StepBiases<TBiases>(in context, positive, negative, gain);
            }

            t += n;
        }

        TVec dp = TSimd.Create(decay);
        TSimd.Store(TSimd.MultiplyAdd(dp, p0, TSimd.Load(ref sums, 0 * w)), ref p, 0 * w);
        TSimd.Store(TSimd.Zero, ref sums, 0 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p1, TSimd.Load(ref sums, 1 * w)), ref p, 1 * w);
        TSimd.Store(TSimd.Zero, ref sums, 1 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p2, TSimd.Load(ref sums, 2 * w)), ref p, 2 * w);
        TSimd.Store(TSimd.Zero, ref sums, 2 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p3, TSimd.Load(ref sums, 3 * w)), ref p, 3 * w);
        TSimd.Store(TSimd.Zero, ref sums, 3 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p4, TSimd.Load(ref sums, 4 * w)), ref p, 4 * w);
        TSimd.Store(TSimd.Zero, ref sums, 4 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p5, TSimd.Load(ref sums, 5 * w)), ref p, 5 * w);
        TSimd.Store(TSimd.Zero, ref sums, 5 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p6, TSimd.Load(ref sums, 6 * w)), ref p, 6 * w);
        TSimd.Store(TSimd.Zero, ref sums, 6 * w);
        TSimd.Store(TSimd.MultiplyAdd(dp, p7, TSimd.Load(ref sums, 7 * w)), ref p, 7 * w);
        TSimd.Store(TSimd.Zero, ref sums, 7 * w);
    }

    /// <summary>One vector of a triple's step in <see cref="Eight"/>: s += g·(q_i − q_j), then the two item rows, from their old values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TSimd, TVec>(TVec p, ref float qi, ref float qj, ref float sums, nuint offset, TVec g, TVec ng, TVec dq)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec i = TSimd.Load(ref qi, offset), j = TSimd.Load(ref qj, offset);
        TSimd.Store(TSimd.MultiplyAdd(g, TSimd.Subtract(i, j), TSimd.Load(ref sums, offset)), ref sums, offset);
        TSimd.Store(TSimd.MultiplyAdd(g, p, TSimd.Multiply(dq, i)), ref qi, offset);
        TSimd.Store(TSimd.MultiplyAdd(ng, p, TSimd.Multiply(dq, j)), ref qj, offset);
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
        for (int t = start; t < end; t++)
        {
            // SAFETY: as in Four; every row and the sums hold `stride` floats, a multiple of the width.
            ref int slot = ref Unsafe.Add(ref slots, t);
            int next = Math.Min(t + ahead, last);
            Prefetcher.Row(ref context.Q, Unsafe.Add(ref pairs, next).Item, stride);
            Prefetcher.Row(ref context.Q, Unsafe.Add(ref slots, next), stride);
            int negative = slot;
            if (negative < 0)
            {
                Unsafe.As<int, float>(ref slot) = float.PositiveInfinity;
                continue;
            }

            int positive = Unsafe.Add(ref pairs, t).Item;
            ref float qi = ref BprContext.Row(ref context.Q, positive, stride);
            ref float qj = ref BprContext.Row(ref context.Q, negative, stride);
            float x = (TBiases.Enabled ? context.Bias(positive) - context.Bias(negative) : 0f) + BprStepKernel.DifferenceWhole<TSimd, TVec>(ref p, ref qi, ref qj, n);
            float gain = context.LearningRate * BprStepKernel.Weight(x);
            TVec g = TSimd.Create(gain), ng = TSimd.Create(-gain);
            for (nuint f = 0; f < n; f += width)
            {
                TVec pv = TSimd.Load(ref p, f), iv = TSimd.Load(ref qi, f), jv = TSimd.Load(ref qj, f);
                TSimd.Store(TSimd.MultiplyAdd(g, TSimd.Subtract(iv, jv), TSimd.Load(ref sums, f)), ref sums, f);
                TSimd.Store(TSimd.MultiplyAdd(g, pv, TSimd.Multiply(dq, iv)), ref qi, f);
                TSimd.Store(TSimd.MultiplyAdd(ng, pv, TSimd.Multiply(dq, jv)), ref qj, f);
            }

            decay *= context.DecayP;
            StepBiases<TBiases>(in context, positive, negative, gain);
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
            float x = (TBiases.Enabled ? context.Bias(positive) - context.Bias(negative) : 0f) + BprStepKernel.DifferenceScalar(ref p, ref qi, ref qj, stride);
            float gain = context.LearningRate * BprStepKernel.Weight(x);
            for (int f = 0; f < stride; f++)
            {
                float pf = Unsafe.Add(ref p, f);
                ref float qif = ref Unsafe.Add(ref qi, f);
                ref float qjf = ref Unsafe.Add(ref qj, f);
                ref float sf = ref Unsafe.Add(ref sums, f);
                float iv = qif, jv = qjf;
                sf = MathF.FusedMultiplyAdd(gain, iv - jv, sf);
                qif = MathF.FusedMultiplyAdd(gain, pf, dq * iv);
                qjf = MathF.FusedMultiplyAdd(-gain, pf, dq * jv);
            }

            decay *= context.DecayP;
            StepBiases<TBiases>(in context, positive, negative, gain);
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
    private static void StepBiases<TBiases>(in BprContext context, int positive, int negative, float gain)
        where TBiases : struct, IItemBiases
    {
        if (TBiases.Enabled)
        {
            ref float positiveBias = ref context.Bias(positive);
            positiveBias = (context.DecayB * positiveBias) + gain;
            ref float negativeBias = ref context.Bias(negative);
            negativeBias = (context.DecayB * negativeBias) - gain;
        }
    }
}
