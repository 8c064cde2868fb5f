using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// One whole AdaGrad update with per-row accumulators for rows of exactly four or eight vectors
/// (k = 64 or 128 with 512-bit vectors, k = 32 or 64 with 256-bit ones), the rows held in
/// registers between the reductions and the step as in <see cref="FusedSgdKernel"/>. The
/// arithmetic is operation for operation that of <see cref="AdaGradUpdateKernel.Vector{TSimd, TVec}"/>
/// at the same length, so the result is the same bit for bit.
/// </summary>
internal static class FusedAdaGradKernel
{
    /// <summary>Rows of four vectors. Returns the error <paramref name="value"/> − (<paramref name="baseline"/> + p·q), computed before the step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Four<TSimd, TVec>(
        ref float p, ref float q, ref float gp, ref float gq, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;

        // SAFETY: the caller guarantees both rows hold 4 * Count floats.
        TVec p0 = TSimd.Load(ref p, 0), p1 = TSimd.Load(ref p, w), p2 = TSimd.Load(ref p, 2 * w), p3 = TSimd.Load(ref p, 3 * w);
        TVec q0 = TSimd.Load(ref q, 0), q1 = TSimd.Load(ref q, w), q2 = TSimd.Load(ref q, 2 * w), q3 = TSimd.Load(ref q, 3 * w);
        TVec zero = TSimd.Zero;
        TVec pq = TSimd.Add(
            TSimd.Add(TSimd.MultiplyAdd(p0, q0, zero), TSimd.MultiplyAdd(p1, q1, zero)),
            TSimd.Add(TSimd.MultiplyAdd(p2, q2, zero), TSimd.MultiplyAdd(p3, q3, zero)));
        TVec pp = TSimd.Add(
            TSimd.Add(TSimd.MultiplyAdd(p0, p0, zero), TSimd.MultiplyAdd(p1, p1, zero)),
            TSimd.Add(TSimd.MultiplyAdd(p2, p2, zero), TSimd.MultiplyAdd(p3, p3, zero)));
        TVec qq = TSimd.Add(
            TSimd.Add(TSimd.MultiplyAdd(q0, q0, zero), TSimd.MultiplyAdd(q1, q1, zero)),
            TSimd.Add(TSimd.MultiplyAdd(q2, q2, zero), TSimd.MultiplyAdd(q3, q3, zero)));
        // The decays and the rates are known before the rows arrive; only the gains wait for the error.
        float dot = TSimd.Sum(pq);
        float error = value - (baseline + dot);
        TVec gP = TSimd.Create(rateP * error), dP = TSimd.Create(AdaGradUpdateKernel.Decay(rateP, regP));
        TVec gQ = TSimd.Create(rateQ * error), dQ = TSimd.Create(AdaGradUpdateKernel.Decay(rateQ, regQ));

        // SAFETY: as for the loads.
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p0, q0, gP, dP), ref p, 0);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p1, q1, gP, dP), ref p, w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p2, q2, gP, dP), ref p, 2 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p3, q3, gP, dP), ref p, 3 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q0, p0, gQ, dQ), ref q, 0);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q1, p1, gQ, dQ), ref q, w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q2, p2, gQ, dQ), ref q, 2 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q3, p3, gQ, dQ), ref q, 3 * w);
        AdaGradUpdateKernel.AddSquaredGradients(dot, TSimd.Sum(pp), TSimd.Sum(qq), error, ref gp, ref gq, regP, regQ, inverseCount);
        return error;
    }

    /// <summary>Rows of eight vectors. Returns the error <paramref name="value"/> − (<paramref name="baseline"/> + p·q), computed before the step.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Eight<TSimd, TVec>(
        ref float p, ref float q, ref float gp, ref float gq, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;

        // SAFETY: the caller guarantees both rows hold 8 * Count floats.
        TVec p0 = TSimd.Load(ref p, 0), p1 = TSimd.Load(ref p, w), p2 = TSimd.Load(ref p, 2 * w), p3 = TSimd.Load(ref p, 3 * w);
        TVec p4 = TSimd.Load(ref p, 4 * w), p5 = TSimd.Load(ref p, 5 * w), p6 = TSimd.Load(ref p, 6 * w), p7 = TSimd.Load(ref p, 7 * w);
        TVec q0 = TSimd.Load(ref q, 0), q1 = TSimd.Load(ref q, w), q2 = TSimd.Load(ref q, 2 * w), q3 = TSimd.Load(ref q, 3 * w);
        TVec q4 = TSimd.Load(ref q, 4 * w), q5 = TSimd.Load(ref q, 5 * w), q6 = TSimd.Load(ref q, 6 * w), q7 = TSimd.Load(ref q, 7 * w);
        TVec pq = Reduce<TSimd, TVec>(p0, q0, p1, q1, p2, q2, p3, q3, p4, q4, p5, q5, p6, q6, p7, q7);
        TVec pp = Reduce<TSimd, TVec>(p0, p0, p1, p1, p2, p2, p3, p3, p4, p4, p5, p5, p6, p6, p7, p7);
        TVec qq = Reduce<TSimd, TVec>(q0, q0, q1, q1, q2, q2, q3, q3, q4, q4, q5, q5, q6, q6, q7, q7);
        // The decays and the rates are known before the rows arrive; only the gains wait for the error.
        float dot = TSimd.Sum(pq);
        float error = value - (baseline + dot);
        TVec gP = TSimd.Create(rateP * error), dP = TSimd.Create(AdaGradUpdateKernel.Decay(rateP, regP));
        TVec gQ = TSimd.Create(rateQ * error), dQ = TSimd.Create(AdaGradUpdateKernel.Decay(rateQ, regQ));

        // SAFETY: as for the loads.
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p0, q0, gP, dP), ref p, 0);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p1, q1, gP, dP), ref p, w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p2, q2, gP, dP), ref p, 2 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p3, q3, gP, dP), ref p, 3 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p4, q4, gP, dP), ref p, 4 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p5, q5, gP, dP), ref p, 5 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p6, q6, gP, dP), ref p, 6 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(p7, q7, gP, dP), ref p, 7 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q0, p0, gQ, dQ), ref q, 0);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q1, p1, gQ, dQ), ref q, w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q2, p2, gQ, dQ), ref q, 2 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q3, p3, gQ, dQ), ref q, 3 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q4, p4, gQ, dQ), ref q, 4 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q5, p5, gQ, dQ), ref q, 5 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q6, p6, gQ, dQ), ref q, 6 * w);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(q7, p7, gQ, dQ), ref q, 7 * w);
        AdaGradUpdateKernel.AddSquaredGradients(dot, TSimd.Sum(pp), TSimd.Sum(qq), error, ref gp, ref gq, regP, regQ, inverseCount);
        return error;
    }

    // Vector j into accumulator j mod 4, then (a0 + a1) + (a2 + a3): the generic kernel's order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Reduce<TSimd, TVec>(
        TVec x0, TVec y0, TVec x1, TVec y1, TVec x2, TVec y2, TVec x3, TVec y3, TVec x4, TVec y4, TVec x5, TVec y5, TVec x6, TVec y6, TVec x7, TVec y7)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec zero = TSimd.Zero;
        TVec a0 = TSimd.MultiplyAdd(x4, y4, TSimd.MultiplyAdd(x0, y0, zero));
        TVec a1 = TSimd.MultiplyAdd(x5, y5, TSimd.MultiplyAdd(x1, y1, zero));
        TVec a2 = TSimd.MultiplyAdd(x6, y6, TSimd.MultiplyAdd(x2, y2, zero));
        TVec a3 = TSimd.MultiplyAdd(x7, y7, TSimd.MultiplyAdd(x3, y3, zero));
        return TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3));
    }
}
