using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// One whole AdaGrad update with per-row accumulators for rows of exactly four or eight vectors
/// (k = 64 or 128 with 512-bit vectors, k = 32 or 64 with 256-bit ones). The arithmetic is
/// operation for operation that of <see cref="AdaGradUpdateKernel.Vector{TSimd, TVec}"/> at the same
/// length, so the result is the same bit for bit.
/// </summary>
/// <remarks>
/// Where the registers allow (<see cref="Four{TSimd, TVec}"/>, and <see cref="Eight{TSimd, TVec}"/>
/// with 32 of them), the rows are held in registers between the reductions and the step, as in
/// <see cref="FusedSgdKernel"/>. Sixteen 256-bit registers cannot hold two rows of eight vectors and
/// the reductions' twelve accumulators: there <see cref="EightStreaming{TSimd, TVec}"/> reads the
/// rows twice from L1, which costs loads, where holding them spilled a third of the kernel to the stack.
/// The squares' first products are plain multiplications: x·x + 0 rounds as x·x, whose sign is never
/// negative, so they equal the reference's fused first products; p·q keeps its fused first products,
/// which differ from a product in the sign of a zero.
/// </remarks>
internal static class FusedAdaGradKernel
{
    /// <summary>Rows of four vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static AdaGradOutcome Four<TSimd, TVec>(
        ref float p, ref float q, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
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
            TSimd.Add(TSimd.Multiply(p0, p0), TSimd.Multiply(p1, p1)),
            TSimd.Add(TSimd.Multiply(p2, p2), TSimd.Multiply(p3, p3)));
        TVec qq = TSimd.Add(
            TSimd.Add(TSimd.Multiply(q0, q0), TSimd.Multiply(q1, q1)),
            TSimd.Add(TSimd.Multiply(q2, q2), TSimd.Multiply(q3, q3)));

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
        return new AdaGradOutcome(error, AdaGradUpdateKernel.Increments(TSimd.SumPair(pp, qq), dot, error, regP, regQ, inverseCount));
    }

    /// <summary>Rows of eight vectors, held in registers: for 512-bit vectors, of which there are 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static AdaGradOutcome Eight<TSimd, TVec>(
        ref float p, ref float q, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
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
        TVec pq = TSimd.Add(
            TSimd.Add(TSimd.MultiplyAdd(p4, q4, TSimd.MultiplyAdd(p0, q0, zero)), TSimd.MultiplyAdd(p5, q5, TSimd.MultiplyAdd(p1, q1, zero))),
            TSimd.Add(TSimd.MultiplyAdd(p6, q6, TSimd.MultiplyAdd(p2, q2, zero)), TSimd.MultiplyAdd(p7, q7, TSimd.MultiplyAdd(p3, q3, zero))));
        TVec pp = SumOfSquares<TSimd, TVec>(p0, p1, p2, p3, p4, p5, p6, p7);
        TVec qq = SumOfSquares<TSimd, TVec>(q0, q1, q2, q3, q4, q5, q6, q7);

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
        return new AdaGradOutcome(error, AdaGradUpdateKernel.Increments(TSimd.SumPair(pp, qq), dot, error, regP, regQ, inverseCount));
    }

    /// <summary>Rows of eight vectors, read twice: for 256-bit vectors, of which there are 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static AdaGradOutcome EightStreaming<TSimd, TVec>(
        ref float p, ref float q, float value, float baseline, float rateP, float rateQ, float regP, float regQ, float inverseCount)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;
        TVec zero = TSimd.Zero;
        TVec pq0 = zero, pq1 = zero, pq2 = zero, pq3 = zero;
        TVec pp0 = zero, pp1 = zero, pp2 = zero, pp3 = zero;
        TVec qq0 = zero, qq1 = zero, qq2 = zero, qq3 = zero;

        // A loop, not written out: the step's loads below then cannot be merged with these into
        // registers held across the reductions. Vector j goes into accumulator j mod 4.
        for (nuint i = 0; i < 8 * w; i += 4 * w)
        {
            // SAFETY: i + 4 * Count <= 8 * Count, the rows' length.
            AdaGradUpdateKernel.Accumulate<TSimd, TVec>(ref p, ref q, i, ref pq0, ref pp0, ref qq0);
            AdaGradUpdateKernel.Accumulate<TSimd, TVec>(ref p, ref q, i + w, ref pq1, ref pp1, ref qq1);
            AdaGradUpdateKernel.Accumulate<TSimd, TVec>(ref p, ref q, i + (2 * w), ref pq2, ref pp2, ref qq2);
            AdaGradUpdateKernel.Accumulate<TSimd, TVec>(ref p, ref q, i + (3 * w), ref pq3, ref pp3, ref qq3);
        }

        TVec pq = TSimd.Add(TSimd.Add(pq0, pq1), TSimd.Add(pq2, pq3));
        TVec pp = TSimd.Add(TSimd.Add(pp0, pp1), TSimd.Add(pp2, pp3));
        TVec qq = TSimd.Add(TSimd.Add(qq0, qq1), TSimd.Add(qq2, qq3));
        float dot = TSimd.Sum(pq);
        float error = value - (baseline + dot);
        TVec gP = TSimd.Create(rateP * error), dP = TSimd.Create(AdaGradUpdateKernel.Decay(rateP, regP));
        TVec gQ = TSimd.Create(rateQ * error), dQ = TSimd.Create(AdaGradUpdateKernel.Decay(rateQ, regQ));

        // SAFETY (all eight): offsets below 8 * Count, the rows' length.
        StepAt<TSimd, TVec>(ref p, ref q, 0, gP, dP, gQ, dQ);
        StepAt<TSimd, TVec>(ref p, ref q, w, gP, dP, gQ, dQ);
        StepAt<TSimd, TVec>(ref p, ref q, 2 * w, gP, dP, gQ, dQ);
        StepAt<TSimd, TVec>(ref p, ref q, 3 * w, gP, dP, gQ, dQ);
        StepAt<TSimd, TVec>(ref p, ref q, 4 * w, gP, dP, gQ, dQ);
        StepAt<TSimd, TVec>(ref p, ref q, 5 * w, gP, dP, gQ, dQ);
        StepAt<TSimd, TVec>(ref p, ref q, 6 * w, gP, dP, gQ, dQ);
        StepAt<TSimd, TVec>(ref p, ref q, 7 * w, gP, dP, gQ, dQ);
        return new AdaGradOutcome(error, AdaGradUpdateKernel.Increments(TSimd.SumPair(pp, qq), dot, error, regP, regQ, inverseCount));
    }

    // Vector j into accumulator j mod 4, then (a0 + a1) + (a2 + a3): the generic kernel's order,
    // the first products unfused (see the remarks).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec SumOfSquares<TSimd, TVec>(TVec x0, TVec x1, TVec x2, TVec x3, TVec x4, TVec x5, TVec x6, TVec x7)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec a0 = TSimd.MultiplyAdd(x4, x4, TSimd.Multiply(x0, x0));
        TVec a1 = TSimd.MultiplyAdd(x5, x5, TSimd.Multiply(x1, x1));
        TVec a2 = TSimd.MultiplyAdd(x6, x6, TSimd.Multiply(x2, x2));
        TVec a3 = TSimd.MultiplyAdd(x7, x7, TSimd.Multiply(x3, x3));
        return TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3));
    }

    // Both old values are read before either row is written.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StepAt<TSimd, TVec>(ref float p, ref float q, nuint offset, TVec gP, TVec dP, TVec gQ, TVec dQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        // SAFETY: the caller guarantees [offset, offset + Count) is inside both rows.
        TVec pv = TSimd.Load(ref p, offset);
        TVec qv = TSimd.Load(ref q, offset);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(pv, qv, gP, dP), ref p, offset);
        TSimd.Store(AdaGradUpdateKernel.Step<TSimd, TVec>(qv, pv, gQ, dQ), ref q, offset);
    }
}
