using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>Fused SGD update implementations, one per path.</summary>
internal static class SgdStepKernel
{
    internal static void Scalar(
        ref float p, ref float q, int length, float error, float learningRate, float regularizationP, float regularizationQ)
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
            pi = pOld + (learningRate * ((error * qOld) - (regularizationP * pOld)));
            qi = qOld + (learningRate * ((error * pOld) - (regularizationQ * qOld)));
        }
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static void Vector<TSimd, TVec>(
        ref float p, ref float q, int length, float error, float learningRate, float regularizationP, float regularizationQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        TVec e = TSimd.Create(error);
        TVec eta = TSimd.Create(learningRate);
        TVec negRegP = TSimd.Create(-regularizationP);
        TVec negRegQ = TSimd.Create(-regularizationQ);
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint whole = n - (n % width);
        if (whole == n)
        {
            Whole<TSimd, TVec>(ref p, ref q, n, e, eta, negRegP, negRegQ);
            return;
        }

        // The last full vector overlaps lanes the main loop updates, and updating a lane twice
        // would apply the step twice. So its result is computed from the untouched inputs first
        // and stored last: the overlapped lanes get the same values the main loop wrote.
        nuint last = n - width;

        // SAFETY: length >= width, so [last, n) lies inside both rows.
        TVec pTail = TSimd.Load(ref p, last);
        TVec qTail = TSimd.Load(ref q, last);
        Update<TSimd, TVec>(ref pTail, ref qTail, e, eta, negRegP, negRegQ);

        Whole<TSimd, TVec>(ref p, ref q, whole, e, eta, negRegP, negRegQ);

        // SAFETY: as for the loads above.
        TSimd.Store(pTail, ref p, last);
        TSimd.Store(qTail, ref q, last);
    }

    /// <summary>
    /// A length that is a multiple of the vector width. The coefficients come broadcast (and the
    /// regularizations negated) so the hot loop does not rebuild them per call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Whole<TSimd, TVec>(
        ref float p, ref float q, nuint length, TVec error, TVec learningRate, TVec negRegularizationP, TVec negRegularizationQ)
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
            Update<TSimd, TVec>(ref pv, ref qv, error, learningRate, negRegularizationP, negRegularizationQ);

            // SAFETY: as for the loads.
            TSimd.Store(pv, ref p, i);
            TSimd.Store(qv, ref q, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TSimd, TVec>(
        ref TVec p, ref TVec q, TVec error, TVec learningRate, TVec negRegularizationP, TVec negRegularizationQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        // p + η(e·q − λp·p), evaluated as written (not regrouped) so NaN and infinity come out as
        // in the scalar path; q uses the old p.
        TVec pNew = TSimd.MultiplyAdd(learningRate, TSimd.MultiplyAdd(error, q, TSimd.Multiply(negRegularizationP, p)), p);
        TVec qNew = TSimd.MultiplyAdd(learningRate, TSimd.MultiplyAdd(error, p, TSimd.Multiply(negRegularizationQ, q)), q);
        p = pNew;
        q = qNew;
    }
}
