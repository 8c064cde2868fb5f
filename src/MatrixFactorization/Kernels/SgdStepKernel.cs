using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// Fused SGD update implementations, one per path. Every path evaluates
/// <c>p ← d_p·p + g·q</c> and <c>q ← d_q·q + g·p_old</c> with the gain g = η·e and the decays
/// d = 1 − η·λ computed once by the caller: the textbook <c>p + η(e·q − λp)</c> regrouped, which takes
/// two vector operations per coordinate instead of three.
/// </summary>
internal static class SgdStepKernel
{
    internal static void Scalar(ref float p, ref float q, int length, float gain, float decayP, float decayQ)
    {
        for (int i = 0; i < length; i++)
        {
            // SAFETY: i < length, the length of both rows.
            ref float pi = ref Unsafe.Add(ref p, i);
            ref float qi = ref Unsafe.Add(ref q, i);

            // Both old values are read before either write, which is what makes p and q
            // referring to the same memory well defined.
            float pOld = pi;
            float qOld = qi;
            // Fused like the vector paths, so every path rounds the same way.
            pi = MathF.FusedMultiplyAdd(gain, qOld, decayP * pOld);
            qi = MathF.FusedMultiplyAdd(gain, pOld, decayQ * qOld);
        }
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static void Vector<TSimd, TVec>(ref float p, ref float q, int length, float gain, float decayP, float decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        TVec g = TSimd.Create(gain);
        TVec dp = TSimd.Create(decayP);
        TVec dq = TSimd.Create(decayQ);
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint whole = n - (n % width);
        if (whole == n)
        {
            Whole<TSimd, TVec>(ref p, ref q, n, g, dp, dq);
            return;
        }

        // The last full vector overlaps lanes the main loop updates, and updating a lane twice
        // would apply the step twice. So its result is computed from the untouched inputs first
        // and stored last: the overlapped lanes get the same values the main loop wrote.
        nuint last = n - width;

        // SAFETY: length >= width, so [last, n) lies inside both rows.
        TVec pTail = TSimd.Load(ref p, last);
        TVec qTail = TSimd.Load(ref q, last);
        Update<TSimd, TVec>(ref pTail, ref qTail, g, dp, dq);

        Whole<TSimd, TVec>(ref p, ref q, whole, g, dp, dq);

        // SAFETY: as for the loads above.
        TSimd.Store(pTail, ref p, last);
        TSimd.Store(qTail, ref q, last);
    }

    /// <summary>
    /// A length that is a multiple of the vector width. The coefficients come broadcast so the hot
    /// loop does not rebuild them per call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Whole<TSimd, TVec>(
        ref float p, ref float q, nuint length, TVec gain, TVec decayP, TVec decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length % (nuint)TSimd.Count == 0);
        nuint width = (nuint)TSimd.Count;
        for (nuint i = 0; i < length; i += width)
        {
            // SAFETY: length is a multiple of width and i < length, so [i, i + width) is in both rows.
            TVec pv = TSimd.Load(ref p, i);
            TVec qv = TSimd.Load(ref q, i);
            Update<TSimd, TVec>(ref pv, ref qv, gain, decayP, decayQ);

            // SAFETY: as for the loads.
            TSimd.Store(pv, ref p, i);
            TSimd.Store(qv, ref q, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TSimd, TVec>(ref TVec p, ref TVec q, TVec gain, TVec decayP, TVec decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        // q uses the old p.
        TVec pNew = TSimd.MultiplyAdd(gain, q, TSimd.Multiply(decayP, p));
        TVec qNew = TSimd.MultiplyAdd(gain, p, TSimd.Multiply(decayQ, q));
        p = pNew;
        q = qNew;
    }
}
