using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// Whole AdaGrad updates with one accumulator per row, for any length: the scalar loop and one
/// generic vector implementation, plus the per-row arithmetic every path shares. Rows of four or
/// eight vectors take <see cref="FusedAdaGradKernel"/> instead, which reduces in the same order.
/// </summary>
/// <remarks>
/// Each row steps as SGD does, <c>x ← (1 − η_x·λ)·x + (η_x·e)·y</c>, with its own rate
/// η_x = η / √G_x, which the caller computes from the accumulator as it was before this update
/// (LIBMF's order), so the rate is ready before the error and the step waits only on p·q, as
/// SGD's does. The same pass that reduces p·q reduces p·p and q·q; from the three come the
/// squared norms of both gradients (g = λ·x − e·y, so ‖g_p‖² = λp(λp·p·p − 2e·p·q) + e²·q·q),
/// and each accumulator takes its row's mean ‖g‖²/k after the step, off the update's critical
/// path: the kernels return it (<see cref="AdaGradOutcome"/>) and the caller adds it. The vector reductions keep four accumulators per
/// quantity, vector j going to accumulator j mod 4, summed as (a0 + a1) + (a2 + a3); a length
/// that is not a whole number of vectors adds the last, overlapping vector's products with the
/// already-counted lanes cleared.
/// </remarks>
internal static class AdaGradUpdateKernel
{
    /// <summary>Plain loops with one fused accumulator per quantity, in index order.</summary>
    internal static AdaGradOutcome Scalar(
        ref float p, ref float q, int length, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
    {
        float pq = 0f, pp = 0f, qq = 0f;
        for (int i = 0; i < length; i++)
        {
            // SAFETY: i < length, the length of both rows.
            float pi = Unsafe.Add(ref p, i);
            float qi = Unsafe.Add(ref q, i);
            pq = MathF.FusedMultiplyAdd(pi, qi, pq);
            pp = MathF.FusedMultiplyAdd(pi, pi, pp);
            qq = MathF.FusedMultiplyAdd(qi, qi, qq);
        }

        float error = value - (baseline + pq);
        float gainP = rateP * error, decayP = Decay(rateP, regP);
        float gainQ = rateQ * error, decayQ = Decay(rateQ, regQ);
        for (int i = 0; i < length; i++)
        {
            // SAFETY: as above.
            ref float pi = ref Unsafe.Add(ref p, i);
            ref float qi = ref Unsafe.Add(ref q, i);
            float pOld = pi;
            float qOld = qi;
            pi = MathF.FusedMultiplyAdd(gainP, qOld, decayP * pOld);
            qi = MathF.FusedMultiplyAdd(gainQ, pOld, decayQ * qOld);
        }

        Vector256<float> squares = Vector256.Create(Vector128.Create(pp), Vector128.Create(qq));
        return new AdaGradOutcome(error, Increments(squares, pq, error, regP, regQ, inverseCount));
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static AdaGradOutcome Vector<TSimd, TVec>(
        ref float p, ref float q, int length, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint whole = n - (n % width);
        nuint last = n - width;

        TVec zero = TSimd.Zero;
        TVec pq0 = zero, pq1 = zero, pq2 = zero, pq3 = zero;
        TVec pp0 = zero, pp1 = zero, pp2 = zero, pp3 = zero;
        TVec qq0 = zero, qq1 = zero, qq2 = zero, qq3 = zero;
        nuint i = 0;
        for (; i + (4 * width) <= whole; i += 4 * width)
        {
            // SAFETY: the loop condition keeps [i, i + 4 * width) inside both rows.
            Accumulate<TSimd, TVec>(ref p, ref q, i, ref pq0, ref pp0, ref qq0);
            Accumulate<TSimd, TVec>(ref p, ref q, i + width, ref pq1, ref pp1, ref qq1);
            Accumulate<TSimd, TVec>(ref p, ref q, i + (2 * width), ref pq2, ref pp2, ref qq2);
            Accumulate<TSimd, TVec>(ref p, ref q, i + (3 * width), ref pq3, ref pp3, ref qq3);
        }

        // At most three whole vectors remain, taking the next accumulators in turn.
        // SAFETY (all three): whole is a multiple of width, so i < whole means [i, i + width) is inside both rows.
        if (i < whole)
        {
            Accumulate<TSimd, TVec>(ref p, ref q, i, ref pq0, ref pp0, ref qq0);
            i += width;
            if (i < whole)
            {
                Accumulate<TSimd, TVec>(ref p, ref q, i, ref pq1, ref pp1, ref qq1);
                i += width;
                if (i < whole)
                {
                    Accumulate<TSimd, TVec>(ref p, ref q, i, ref pq2, ref pp2, ref qq2);
                }
            }
        }

        TVec pqSum = TSimd.Add(TSimd.Add(pq0, pq1), TSimd.Add(pq2, pq3));
        TVec ppSum = TSimd.Add(TSimd.Add(pp0, pp1), TSimd.Add(pp2, pp3));
        TVec qqSum = TSimd.Add(TSimd.Add(qq0, qq1), TSimd.Add(qq2, qq3));

        // SAFETY: length >= width, so [last, n) lies inside both rows.
        TVec pTail = TSimd.Load(ref p, last);
        TVec qTail = TSimd.Load(ref q, last);
        if (whole != n)
        {
            // The lanes the whole vectors already counted are cleared, so each coordinate counts once.
            int counted = (int)(width - (n - whole));
            pqSum = TSimd.Add(pqSum, TSimd.ClearLeading(TSimd.Multiply(pTail, qTail), counted));
            ppSum = TSimd.Add(ppSum, TSimd.ClearLeading(TSimd.Multiply(pTail, pTail), counted));
            qqSum = TSimd.Add(qqSum, TSimd.ClearLeading(TSimd.Multiply(qTail, qTail), counted));
        }

        float pq = TSimd.Sum(pqSum);
        float error = value - (baseline + pq);
        TVec gainPv = TSimd.Create(rateP * error), decayPv = TSimd.Create(Decay(rateP, regP));
        TVec gainQv = TSimd.Create(rateQ * error), decayQv = TSimd.Create(Decay(rateQ, regQ));

        // As in SgdStepKernel: the overlapping last vector is stepped from the untouched inputs
        // and stored after the loop, so no coordinate is stepped twice.
        TVec pTailNew = Step<TSimd, TVec>(pTail, qTail, gainPv, decayPv);
        TVec qTailNew = Step<TSimd, TVec>(qTail, pTail, gainQv, decayQv);
        for (i = 0; i < whole; i += width)
        {
            // SAFETY: whole is a multiple of width and i < whole, so [i, i + width) is inside both rows.
            TVec pv = TSimd.Load(ref p, i);
            TVec qv = TSimd.Load(ref q, i);
            TSimd.Store(Step<TSimd, TVec>(pv, qv, gainPv, decayPv), ref p, i);
            TSimd.Store(Step<TSimd, TVec>(qv, pv, gainQv, decayQv), ref q, i);
        }

        // SAFETY: as for the tail loads.
        TSimd.Store(pTailNew, ref p, last);
        TSimd.Store(qTailNew, ref q, last);
        return new AdaGradOutcome(error, Increments(TSimd.SumPair(ppSum, qqSum), pq, error, regP, regQ, inverseCount));
    }

    /// <summary>η / √G: a row's rate from its accumulator before the update (at least 1, where it starts).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Rate(float learningRate, float accumulator) => learningRate / MathF.Sqrt(accumulator);

    /// <summary>
    /// The rates of four accumulators at once, each lane exactly <see cref="Rate"/> (square root and
    /// division are correctly rounded in every lane), in one square root and one division instead of four.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Rates(float learningRate, Vector128<float> accumulators) =>
        Vector128.Create(learningRate) / Vector128.Sqrt(accumulators);

    /// <summary>1 − η_x·λ: the step's decay of the row's own values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Decay(float rate, float regularization) => 1f - (rate * regularization);

    /// <summary>
    /// The mean squared gradients of both rows at their old values, lane 0 (and 1) the first row's,
    /// lane 2 (and 3) the second's, which each accumulator takes after the step: from p·p in every
    /// lower lane of <paramref name="squares"/>, q·q in every upper one, p·q and the error, as
    /// ‖g_p‖² = λ_p(λ_p·p·p − 2e·p·q) + e²·q·q and ‖g_q‖² likewise, never below zero (the expanded
    /// norm can round a hair under it), times 1/k. Each lane takes the scalar operations in the same
    /// order, so it is the same bit for bit as the expression written out per row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Increments(Vector256<float> squares, float pq, float error, float regP, float regQ, float inverseCount)
    {
        Vector128<float> secondRow = Vector128.Create(0, 0, -1, -1).AsSingle();
        Vector128<float> pp = squares.GetLower(), qq = squares.GetUpper();
        Vector128<float> own = Vector128.ConditionalSelect(secondRow, qq, pp);
        Vector128<float> other = Vector128.ConditionalSelect(secondRow, pp, qq);
        Vector128<float> regularization = Vector128.ConditionalSelect(secondRow, Vector128.Create(regQ), Vector128.Create(regP));
        float twoError = error + error;
        Vector128<float> norm = (regularization * ((regularization * own) - Vector128.Create(twoError * pq))) + (Vector128.Create(error * error) * other);

        // MathF.Max(norm, 0): NaN stays NaN, −0 and anything below become +0.
        Vector128<float> clamped = Vector128.AndNot(norm, Vector128.LessThanOrEqual(norm, Vector128<float>.Zero));
        return clamped * Vector128.Create(inverseCount);
    }

    /// <summary>d·x + g·y: the SGD step's expression with this row's coefficients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Step<TSimd, TVec>(TVec x, TVec y, TVec gain, TVec decay)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        TSimd.MultiplyAdd(gain, y, TSimd.Multiply(decay, x));

    /// <summary>One vector of the three dot products p·q, p·p and q·q both AdaGrad kernels sum, at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Accumulate<TSimd, TVec>(ref float p, ref float q, nuint offset, ref TVec pq, ref TVec pp, ref TVec qq)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        // SAFETY: the caller guarantees [offset, offset + Count) is inside both rows.
        TVec pv = TSimd.Load(ref p, offset);
        TVec qv = TSimd.Load(ref q, offset);
        pq = TSimd.MultiplyAdd(pv, qv, pq);
        pp = TSimd.MultiplyAdd(pv, pv, pp);
        qq = TSimd.MultiplyAdd(qv, qv, qq);
    }
}
