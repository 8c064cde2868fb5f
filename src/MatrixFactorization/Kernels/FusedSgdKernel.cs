using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// One whole SGD update — the dot product, the error, and the step on both rows — for rows of
/// exactly four or eight vectors (k = 64 or 128 with 512-bit vectors, k = 32 or 64 with 256-bit
/// ones). The rows are loaded into registers once and stored once, instead of being read by the
/// dot product and read again by the step; the arithmetic is operation for operation that of
/// <see cref="DotKernel.Whole{TSimd, TVec}"/> followed by <see cref="SgdStepKernel.Whole{TSimd, TVec}"/>,
/// so the result is bit-identical to calling the two.
/// </summary>
internal static class FusedSgdKernel
{
    /// <summary>Rows of four vectors, with the decays 1 − η·λ of each row. Returns the error <paramref name="value"/> − (<paramref name="baseline"/> + p·q), computed before the step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Four<TSimd, TVec>(ref float p, ref float q, float value, float baseline, float learningRate, float decayP, float decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;

        // SAFETY: the caller guarantees both rows hold 4 * Count floats.
        TVec p0 = TSimd.Load(ref p, 0), p1 = TSimd.Load(ref p, w), p2 = TSimd.Load(ref p, 2 * w), p3 = TSimd.Load(ref p, 3 * w);
        TVec q0 = TSimd.Load(ref q, 0), q1 = TSimd.Load(ref q, w), q2 = TSimd.Load(ref q, 2 * w), q3 = TSimd.Load(ref q, 3 * w);
        TVec zero = TSimd.Zero;
        TVec sum = TSimd.Add(
            TSimd.Add(TSimd.MultiplyAdd(p0, q0, zero), TSimd.MultiplyAdd(p1, q1, zero)),
            TSimd.Add(TSimd.MultiplyAdd(p2, q2, zero), TSimd.MultiplyAdd(p3, q3, zero)));
        float error = value - (baseline + TSimd.Sum(sum));

        TVec g = TSimd.Create(learningRate * error);
        TVec dp = TSimd.Create(decayP), dq = TSimd.Create(decayQ);

        // SAFETY: as for the loads.
        TSimd.Store(Step<TSimd, TVec>(p0, q0, g, dp), ref p, 0);
        TSimd.Store(Step<TSimd, TVec>(p1, q1, g, dp), ref p, w);
        TSimd.Store(Step<TSimd, TVec>(p2, q2, g, dp), ref p, 2 * w);
        TSimd.Store(Step<TSimd, TVec>(p3, q3, g, dp), ref p, 3 * w);
        TSimd.Store(Step<TSimd, TVec>(q0, p0, g, dq), ref q, 0);
        TSimd.Store(Step<TSimd, TVec>(q1, p1, g, dq), ref q, w);
        TSimd.Store(Step<TSimd, TVec>(q2, p2, g, dq), ref q, 2 * w);
        TSimd.Store(Step<TSimd, TVec>(q3, p3, g, dq), ref q, 3 * w);
        return error;
    }

    /// <summary>Rows of eight vectors, with the decays 1 − η·λ of each row. Returns the error <paramref name="value"/> − (<paramref name="baseline"/> + p·q), computed before the step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Eight<TSimd, TVec>(ref float p, ref float q, float value, float baseline, float learningRate, float decayP, float decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;

        // SAFETY: the caller guarantees both rows hold 8 * Count floats.
        TVec p0 = TSimd.Load(ref p, 0), p1 = TSimd.Load(ref p, w), p2 = TSimd.Load(ref p, 2 * w), p3 = TSimd.Load(ref p, 3 * w);
        TVec p4 = TSimd.Load(ref p, 4 * w), p5 = TSimd.Load(ref p, 5 * w), p6 = TSimd.Load(ref p, 6 * w), p7 = TSimd.Load(ref p, 7 * w);
        TVec q0 = TSimd.Load(ref q, 0), q1 = TSimd.Load(ref q, w), q2 = TSimd.Load(ref q, 2 * w), q3 = TSimd.Load(ref q, 3 * w);
        TVec q4 = TSimd.Load(ref q, 4 * w), q5 = TSimd.Load(ref q, 5 * w), q6 = TSimd.Load(ref q, 6 * w), q7 = TSimd.Load(ref q, 7 * w);
        TVec zero = TSimd.Zero;
        TVec acc0 = TSimd.MultiplyAdd(p4, q4, TSimd.MultiplyAdd(p0, q0, zero));
        TVec acc1 = TSimd.MultiplyAdd(p5, q5, TSimd.MultiplyAdd(p1, q1, zero));
        TVec acc2 = TSimd.MultiplyAdd(p6, q6, TSimd.MultiplyAdd(p2, q2, zero));
        TVec acc3 = TSimd.MultiplyAdd(p7, q7, TSimd.MultiplyAdd(p3, q3, zero));
        float error = value - (baseline + TSimd.Sum(TSimd.Add(TSimd.Add(acc0, acc1), TSimd.Add(acc2, acc3))));

        TVec g = TSimd.Create(learningRate * error);
        TVec dp = TSimd.Create(decayP), dq = TSimd.Create(decayQ);

        // SAFETY: as for the loads.
        TSimd.Store(Step<TSimd, TVec>(p0, q0, g, dp), ref p, 0);
        TSimd.Store(Step<TSimd, TVec>(p1, q1, g, dp), ref p, w);
        TSimd.Store(Step<TSimd, TVec>(p2, q2, g, dp), ref p, 2 * w);
        TSimd.Store(Step<TSimd, TVec>(p3, q3, g, dp), ref p, 3 * w);
        TSimd.Store(Step<TSimd, TVec>(p4, q4, g, dp), ref p, 4 * w);
        TSimd.Store(Step<TSimd, TVec>(p5, q5, g, dp), ref p, 5 * w);
        TSimd.Store(Step<TSimd, TVec>(p6, q6, g, dp), ref p, 6 * w);
        TSimd.Store(Step<TSimd, TVec>(p7, q7, g, dp), ref p, 7 * w);
        TSimd.Store(Step<TSimd, TVec>(q0, p0, g, dq), ref q, 0);
        TSimd.Store(Step<TSimd, TVec>(q1, p1, g, dq), ref q, w);
        TSimd.Store(Step<TSimd, TVec>(q2, p2, g, dq), ref q, 2 * w);
        TSimd.Store(Step<TSimd, TVec>(q3, p3, g, dq), ref q, 3 * w);
        TSimd.Store(Step<TSimd, TVec>(q4, p4, g, dq), ref q, 4 * w);
        TSimd.Store(Step<TSimd, TVec>(q5, p5, g, dq), ref q, 5 * w);
        TSimd.Store(Step<TSimd, TVec>(q6, p6, g, dq), ref q, 6 * w);
        TSimd.Store(Step<TSimd, TVec>(q7, p7, g, dq), ref q, 7 * w);
        return error;
    }

    // d·x + g·y, the same expression as SgdStepKernel's update, for either row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Step<TSimd, TVec>(TVec x, TVec y, TVec gain, TVec decay)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        TSimd.MultiplyAdd(gain, y, TSimd.Multiply(decay, x));
}
