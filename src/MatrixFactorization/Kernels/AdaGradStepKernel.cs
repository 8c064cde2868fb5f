using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>Fused per-coordinate AdaGrad update implementations, one per path.</summary>
internal static class AdaGradStepKernel
{
    internal static void Scalar(
        ref float p, ref float q, ref float gp, ref float gq, int length, float error, float learningRate, float regularizationP, float regularizationQ)
    {
        float epsilon = FactorKernels.AdaGradEpsilon;
        for (int i = 0; i < length; i++)
        {
            // SAFETY: i < length, the length of all four rows.
            ref float pi = ref Unsafe.Add(ref p, i);
            ref float qi = ref Unsafe.Add(ref q, i);
            ref float gpi = ref Unsafe.Add(ref gp, i);
            ref float gqi = ref Unsafe.Add(ref gq, i);

            float pOld = pi;
            float qOld = qi;
            float gradP = (regularizationP * pOld) - (error * qOld);
            float gradQ = (regularizationQ * qOld) - (error * pOld);
            float accP = gpi + (gradP * gradP);
            float accQ = gqi + (gradQ * gradQ);
            gpi = accP;
            gqi = accQ;
            pi = pOld - (learningRate * (gradP / (MathF.Sqrt(accP) + epsilon)));
            qi = qOld - (learningRate * (gradQ / (MathF.Sqrt(accQ) + epsilon)));
        }
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static void Vector<TSimd, TVec>(
        ref float p, ref float q, ref float gp, ref float gq, int length, float error, float learningRate, float regularizationP, float regularizationQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        var c = new Coefficients<TVec>(
            TSimd.Create(-error), TSimd.Create(-learningRate), TSimd.Create(regularizationP), TSimd.Create(regularizationQ), TSimd.Create(FactorKernels.AdaGradEpsilon));
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint whole = n - (n % width);
        if (whole == n)
        {
            Whole<TSimd, TVec>(ref p, ref q, ref gp, ref gq, n, c);
            return;
        }

        // As in SgdStepKernel: the overlapping last vector is computed from untouched inputs
        // first and stored last, so no lane is stepped twice.
        nuint last = n - width;

        // SAFETY: length >= width, so [last, n) lies inside all four rows.
        TVec pTail = TSimd.Load(ref p, last);
        TVec qTail = TSimd.Load(ref q, last);
        TVec gpTail = TSimd.Load(ref gp, last);
        TVec gqTail = TSimd.Load(ref gq, last);
        Update<TSimd, TVec>(ref pTail, ref qTail, ref gpTail, ref gqTail, c);

        Whole<TSimd, TVec>(ref p, ref q, ref gp, ref gq, whole, c);

        // SAFETY: as for the loads above.
        TSimd.Store(pTail, ref p, last);
        TSimd.Store(qTail, ref q, last);
        TSimd.Store(gpTail, ref gp, last);
        TSimd.Store(gqTail, ref gq, last);
    }

    /// <summary>A length that is a multiple of the vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Whole<TSimd, TVec>(ref float p, ref float q, ref float gp, ref float gq, nuint length, Coefficients<TVec> c)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length % (nuint)TSimd.Count == 0);
        nuint width = (nuint)TSimd.Count;
        for (nuint i = 0; i < length; i += width)
        {
            // SAFETY: length is a multiple of width and i < length, so [i, i + width) is in all four rows.
            TVec pv = TSimd.Load(ref p, i);
            TVec qv = TSimd.Load(ref q, i);
            TVec gpv = TSimd.Load(ref gp, i);
            TVec gqv = TSimd.Load(ref gq, i);
            Update<TSimd, TVec>(ref pv, ref qv, ref gpv, ref gqv, c);

            // SAFETY: as for the loads.
            TSimd.Store(pv, ref p, i);
            TSimd.Store(qv, ref q, i);
            TSimd.Store(gpv, ref gp, i);
            TSimd.Store(gqv, ref gq, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TSimd, TVec>(ref TVec p, ref TVec q, ref TVec gp, ref TVec gq, Coefficients<TVec> c)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        // Same operation order as the scalar path: g = λ·x − e·y; G += g²; x −= η·g / (√G + ε).
        TVec gradP = TSimd.MultiplyAdd(c.RegularizationP, p, TSimd.Multiply(c.NegError, q));
        TVec gradQ = TSimd.MultiplyAdd(c.RegularizationQ, q, TSimd.Multiply(c.NegError, p));
        gp = TSimd.MultiplyAdd(gradP, gradP, gp);
        gq = TSimd.MultiplyAdd(gradQ, gradQ, gq);
        p = TSimd.MultiplyAdd(c.NegLearningRate, TSimd.Divide(gradP, TSimd.Add(TSimd.Sqrt(gp), c.Epsilon)), p);
        q = TSimd.MultiplyAdd(c.NegLearningRate, TSimd.Divide(gradQ, TSimd.Add(TSimd.Sqrt(gq), c.Epsilon)), q);
    }

    /// <summary>The step's scalars, broadcast once per call (error and learning rate negated).</summary>
    internal readonly record struct Coefficients<TVec>(TVec NegError, TVec NegLearningRate, TVec RegularizationP, TVec RegularizationQ, TVec Epsilon)
        where TVec : struct;
}
