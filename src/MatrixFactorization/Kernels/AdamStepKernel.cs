using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>AdamW update implementations, one per path.</summary>
internal static class AdamStepKernel
{
    internal static void Scalar(ref float theta, ref float grad, ref float m, ref float v, int length, in AdamCoefficients c)
    {
        for (int i = 0; i < length; i++)
        {
            // SAFETY: i < length, the length of all four spans.
            ref float ti = ref Unsafe.Add(ref theta, i);
            ref float mi = ref Unsafe.Add(ref m, i);
            ref float vi = ref Unsafe.Add(ref v, i);
            float g = Unsafe.Add(ref grad, i);

            float mNew = (c.Beta1 * mi) + (c.OneMinusBeta1 * g);
            float vNew = (c.Beta2 * vi) + (c.OneMinusBeta2 * g * g);
            float denominator = (MathF.Sqrt(vNew) * c.InverseSqrtBiasCorrection2) + c.Epsilon;
            mi = mNew;
            vi = vNew;
            ti = (c.Decay * ti) - (c.StepSize * (mNew / denominator));
        }
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static void Vector<TSimd, TVec>(ref float theta, ref float grad, ref float m, ref float v, int length, in AdamCoefficients c)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        var k = new Broadcast<TVec>(
            TSimd.Create(c.Beta1), TSimd.Create(c.OneMinusBeta1), TSimd.Create(c.Beta2), TSimd.Create(c.OneMinusBeta2),
            TSimd.Create(c.InverseSqrtBiasCorrection2), TSimd.Create(c.Epsilon), TSimd.Create(c.Decay), TSimd.Create(-c.StepSize));
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint last = n - width;

        // The overlapping last vector is computed from untouched inputs before the loop and
        // stored after it, so no lane is stepped twice.
        // SAFETY: length >= width, so [last, n) lies inside all four spans.
        TVec thetaTail = TSimd.Load(ref theta, last);
        TVec mTail = TSimd.Load(ref m, last);
        TVec vTail = TSimd.Load(ref v, last);
        Update<TSimd, TVec>(ref thetaTail, TSimd.Load(ref grad, last), ref mTail, ref vTail, k);

        for (nuint i = 0; i < last; i += width)
        {
            // SAFETY: i < last = n - width, so [i, i + width) is inside all four spans.
            TVec tv = TSimd.Load(ref theta, i);
            TVec mv = TSimd.Load(ref m, i);
            TVec vv = TSimd.Load(ref v, i);
            Update<TSimd, TVec>(ref tv, TSimd.Load(ref grad, i), ref mv, ref vv, k);

            // SAFETY: as for the loads.
            TSimd.Store(tv, ref theta, i);
            TSimd.Store(mv, ref m, i);
            TSimd.Store(vv, ref v, i);
        }

        // SAFETY: as for the tail loads.
        TSimd.Store(thetaTail, ref theta, last);
        TSimd.Store(mTail, ref m, last);
        TSimd.Store(vTail, ref v, last);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TSimd, TVec>(ref TVec theta, TVec grad, ref TVec m, ref TVec v, in Broadcast<TVec> k)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        // Same operation order as the scalar path.
        m = TSimd.MultiplyAdd(k.Beta1, m, TSimd.Multiply(k.OneMinusBeta1, grad));
        v = TSimd.MultiplyAdd(k.Beta2, v, TSimd.Multiply(TSimd.Multiply(k.OneMinusBeta2, grad), grad));
        TVec denominator = TSimd.MultiplyAdd(TSimd.Sqrt(v), k.InverseSqrtBiasCorrection2, k.Epsilon);
        theta = TSimd.MultiplyAdd(k.NegStepSize, TSimd.Divide(m, denominator), TSimd.Multiply(k.Decay, theta));
    }

    private readonly record struct Broadcast<TVec>(
        TVec Beta1, TVec OneMinusBeta1, TVec Beta2, TVec OneMinusBeta2, TVec InverseSqrtBiasCorrection2, TVec Epsilon, TVec Decay, TVec NegStepSize)
        where TVec : struct;
}

/// <summary>The per-step scalars of an AdamW update, with bias corrections folded in.</summary>
internal readonly record struct AdamCoefficients(
    float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float InverseSqrtBiasCorrection2, float Epsilon, float Decay, float StepSize)
{
    internal static AdamCoefficients Create(float learningRate, float beta1, float beta2, float epsilon, float weightDecay, int step) =>
        FromPowers(learningRate, beta1, beta2, epsilon, weightDecay, Math.Pow(beta1, step), Math.Pow(beta2, step));

    /// <summary>The coefficients for a step t given β1ᵗ and β2ᵗ, for callers that keep a table of
    /// powers because they step many rows, each at its own t.</summary>
    internal static AdamCoefficients FromPowers(
        float learningRate, float beta1, float beta2, float epsilon, float weightDecay, double beta1Power, double beta2Power)
    {
        // Bias corrections in double: 1 − β^t loses most of its digits in float when β is close to 1.
        double correction1 = 1.0 - beta1Power;
        double correction2 = 1.0 - beta2Power;
        return new AdamCoefficients(
            beta1,
            1f - beta1,
            beta2,
            1f - beta2,
            (float)(1.0 / Math.Sqrt(correction2)),
            epsilon,
            1f - (learningRate * weightDecay),
            (float)(learningRate / correction1));
    }
}
