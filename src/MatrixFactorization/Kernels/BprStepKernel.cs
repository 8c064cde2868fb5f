using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// The whole BPR update of one sampled triple (user u, an item i the user chose, an item j they did
/// not), one implementation per path. Every path evaluates, with b the bias difference b_i − b_j:
/// <code>
/// x = b + Σ p·(q_i − q_j)        w = σ(−x) = 1 / (1 + eˣ)        g = η·w
/// p   ← d_p·p   + g·(q_i − q_j)
/// q_i ← d_q·q_i + g·p_old
/// q_j ← d_q·q_j − g·p_old
/// </code>
/// where d = 1 − η·λ comes from the caller. That is one step of gradient ascent on
/// ln σ(x) − ½λ‖θ‖², the BPR criterion of the triple: ∂ ln σ(x) / ∂x = σ(−x) = w.
/// </summary>
/// <remarks>
/// The dot product comes first (it needs every coordinate), then w, then one pass of updates in
/// which every coordinate reads its three old values before writing. q_i and q_j must be different
/// rows: the training loop never pairs an item with itself.
/// </remarks>
internal static class BprStepKernel
{
    /// <summary>
    /// Beyond ±<see cref="WeightLimit"/> the weight is taken at the limit, where it is 1 to float
    /// precision or below 2·10⁻³⁵, a step too small to move any coordinate of ordinary size.
    /// </summary>
    internal const float WeightLimit = 80f;

    /// <summary>
    /// w = σ(−x) = 1 / (1 + eˣ), with x clamped to ±<see cref="WeightLimit"/>: the weight of a triple
    /// in its step, near 1 while the pair is ranked wrongly and near 0 once it is ranked right by a
    /// wide margin. NaN stays NaN.
    /// </summary>
    /// <remarks>
    /// eˣ is computed here rather than by <see cref="MathF.Exp"/>, whose call out of managed code
    /// clears the upper halves of the vector registers and spills the live rows around it, every
    /// triple; the inline version is the same on every platform too, which the C library's need
    /// not be.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Weight(float x) => 1f / (1f + Exp(MathF.Min(MathF.Max(x, -WeightLimit), WeightLimit)));

    /// <summary>
    /// eˣ for |x| ≤ <see cref="WeightLimit"/> (or NaN), within 2 ulp: Cody and Waite's reduction
    /// eˣ = 2ⁿ·eʳ with n = round(x / ln 2), |r| ≤ ½ ln 2, and Cephes' polynomial for eʳ (Moshier
    /// 1989), evaluated in Estrin's order, whose terms do not wait on each other as Horner's do:
    /// the exponential sits on the path from one step of a user to the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Exp(float x)
    {
        // n = round(x / ln 2) by adding 1.5·2²³, which leaves n in the low bits of the sum: no
        // rounding instruction and no conversion (with its NaN checks) on the way to 2ⁿ.
        const float Shift = 12582912f;
        float shifted = MathF.FusedMultiplyAdd(x, 1.44269504088896341f, Shift);
        float n = shifted - Shift;

        // ln 2 in two parts, the first with few bits, so n times it is exact and r loses nothing.
        float r = MathF.FusedMultiplyAdd(n, 2.12194440e-4f, MathF.FusedMultiplyAdd(n, -0.693359375f, x));
        float r2 = r * r;
        float low = MathF.FusedMultiplyAdd(1.6666665459e-1f, r, 5.0000001201e-1f);
        float middle = MathF.FusedMultiplyAdd(8.3334519073e-3f, r, 4.1665795894e-2f);
        float high = MathF.FusedMultiplyAdd(1.9875691500e-4f, r, 1.3981999507e-3f);
        float tail = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(high, r2, middle), r2, low);
        float er = MathF.FusedMultiplyAdd(tail, r2, r) + 1f;

        // 2ⁿ from its exponent bits; |n| ≤ 116 keeps it a normal float. A NaN x gives some scale
        // here, and the NaN in er carries through the product.
        int exponent = BitConverter.SingleToInt32Bits(shifted) - BitConverter.SingleToInt32Bits(Shift);
        return er * BitConverter.Int32BitsToSingle((exponent + 127) << 23);
    }

    internal static BprOutcome Scalar(
        ref float p, ref float qi, ref float qj, int length, float biasDifference, float learningRate, float decayP, float decayQ)
    {
        float x = biasDifference + DifferenceScalar(ref p, ref qi, ref qj, length);
        float weight = Weight(x);
        UpdateScalar(ref p, ref qi, ref qj, length, learningRate * weight, decayP, decayQ);
        return new BprOutcome(x, weight);
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static BprOutcome Vector<TSimd, TVec>(
        ref float p, ref float qi, ref float qj, int length, float biasDifference, float learningRate, float decayP, float decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint whole = n - (n % width);
        nuint last = n - width;
        TVec sum = Products<TSimd, TVec>(ref p, ref qi, ref qj, whole);
        if (whole != n)
        {
            // The last full vector overlaps lanes already summed; clearing them counts each once.
            // SAFETY: length >= width, so [last, n) lies inside all three rows.
            TVec tail = TSimd.Multiply(TSimd.Load(ref p, last), TSimd.Subtract(TSimd.Load(ref qi, last), TSimd.Load(ref qj, last)));
            sum = TSimd.Add(sum, TSimd.ClearLeading(tail, (int)(width - (n - whole))));
        }

        float x = biasDifference + TSimd.Sum(sum);
        float weight = Weight(x);
        var c = new Coefficients<TVec>(TSimd.Create(learningRate * weight), TSimd.Create(-(learningRate * weight)), TSimd.Create(decayP), TSimd.Create(decayQ));
        if (whole == n)
        {
            Update<TSimd, TVec>(ref p, ref qi, ref qj, n, c);
            return new BprOutcome(x, weight);
        }

        // As in SgdStepKernel: the overlapping last vector is computed from the untouched inputs
        // first and stored last, so no lane is stepped twice.
        // SAFETY: as for the loads above.
        TVec pTail = TSimd.Load(ref p, last), qiTail = TSimd.Load(ref qi, last), qjTail = TSimd.Load(ref qj, last);
        Step<TSimd, TVec>(ref pTail, ref qiTail, ref qjTail, c);
        Update<TSimd, TVec>(ref p, ref qi, ref qj, whole, c);

        // SAFETY: as for the loads above.
        TSimd.Store(pTail, ref p, last);
        TSimd.Store(qiTail, ref qi, last);
        TSimd.Store(qjTail, ref qj, last);
        return new BprOutcome(x, weight);
    }

    /// <summary>A length that is a multiple of the vector width: the padded rows of the training loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BprOutcome Whole<TSimd, TVec>(
        ref float p, ref float qi, ref float qj, nuint length, float biasDifference, float learningRate, float decayP, float decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        float x = biasDifference + DifferenceWhole<TSimd, TVec>(ref p, ref qi, ref qj, length);
        float weight = Weight(x);
        UpdateWhole<TSimd, TVec>(ref p, ref qi, ref qj, length, learningRate * weight, decayP, decayQ);
        return new BprOutcome(x, weight);
    }

    /// <summary>
    /// Rows of exactly four vectors (k = 64 with 512-bit vectors, k = 32 with 256-bit ones), held in
    /// registers from the loads to the stores instead of being read once for the dot product and
    /// again for the step. Operation for operation the arithmetic of <see cref="Whole{TSimd, TVec}"/>,
    /// so the result is bit-identical.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static BprOutcome Four<TSimd, TVec>(
        ref float p, ref float qi, ref float qj, float biasDifference, float learningRate, float decayP, float decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;

        // SAFETY: the caller guarantees all three rows hold 4 * Count floats.
        TVec p0 = TSimd.Load(ref p, 0), p1 = TSimd.Load(ref p, w), p2 = TSimd.Load(ref p, 2 * w), p3 = TSimd.Load(ref p, 3 * w);
        TVec i0 = TSimd.Load(ref qi, 0), i1 = TSimd.Load(ref qi, w), i2 = TSimd.Load(ref qi, 2 * w), i3 = TSimd.Load(ref qi, 3 * w);
        TVec j0 = TSimd.Load(ref qj, 0), j1 = TSimd.Load(ref qj, w), j2 = TSimd.Load(ref qj, 2 * w), j3 = TSimd.Load(ref qj, 3 * w);
        TVec d0 = TSimd.Subtract(i0, j0), d1 = TSimd.Subtract(i1, j1), d2 = TSimd.Subtract(i2, j2), d3 = TSimd.Subtract(i3, j3);
        TVec zero = TSimd.Zero;
        TVec sum = TSimd.Add(
            TSimd.Add(TSimd.MultiplyAdd(p0, d0, zero), TSimd.MultiplyAdd(p1, d1, zero)),
            TSimd.Add(TSimd.MultiplyAdd(p2, d2, zero), TSimd.MultiplyAdd(p3, d3, zero)));
        float x = biasDifference + TSimd.Sum(sum);
        float weight = Weight(x);
        float gain = learningRate * weight;
        TVec g = TSimd.Create(gain), ng = TSimd.Create(-gain), dp = TSimd.Create(decayP), dq = TSimd.Create(decayQ);

        // SAFETY: as for the loads.
        TSimd.Store(TSimd.MultiplyAdd(g, d0, TSimd.Multiply(dp, p0)), ref p, 0);
        TSimd.Store(TSimd.MultiplyAdd(g, d1, TSimd.Multiply(dp, p1)), ref p, w);
        TSimd.Store(TSimd.MultiplyAdd(g, d2, TSimd.Multiply(dp, p2)), ref p, 2 * w);
        TSimd.Store(TSimd.MultiplyAdd(g, d3, TSimd.Multiply(dp, p3)), ref p, 3 * w);
        TSimd.Store(TSimd.MultiplyAdd(g, p0, TSimd.Multiply(dq, i0)), ref qi, 0);
        TSimd.Store(TSimd.MultiplyAdd(g, p1, TSimd.Multiply(dq, i1)), ref qi, w);
        TSimd.Store(TSimd.MultiplyAdd(g, p2, TSimd.Multiply(dq, i2)), ref qi, 2 * w);
        TSimd.Store(TSimd.MultiplyAdd(g, p3, TSimd.Multiply(dq, i3)), ref qi, 3 * w);
        TSimd.Store(TSimd.MultiplyAdd(ng, p0, TSimd.Multiply(dq, j0)), ref qj, 0);
        TSimd.Store(TSimd.MultiplyAdd(ng, p1, TSimd.Multiply(dq, j1)), ref qj, w);
        TSimd.Store(TSimd.MultiplyAdd(ng, p2, TSimd.Multiply(dq, j2)), ref qj, 2 * w);
        TSimd.Store(TSimd.MultiplyAdd(ng, p3, TSimd.Multiply(dq, j3)), ref qj, 3 * w);
        return new BprOutcome(x, weight);
    }

    /// <summary>The first half of the step: Σ p·(q_i − q_j), in the order the scalar whole step sums.</summary>
    internal static float DifferenceScalar(ref float p, ref float qi, ref float qj, int length)
    {
        float sum = 0f;
        for (int f = 0; f < length; f++)
        {
            // SAFETY: f < length, the length of all three rows.
            sum += Unsafe.Add(ref p, f) * (Unsafe.Add(ref qi, f) - Unsafe.Add(ref qj, f));
        }

        return sum;
    }

    /// <summary>The first half of the step on a multiple of the vector width, as <see cref="Whole{TSimd, TVec}"/> sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float DifferenceWhole<TSimd, TVec>(ref float p, ref float qi, ref float qj, nuint length)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        TSimd.Sum(Products<TSimd, TVec>(ref p, ref qi, ref qj, length));

    /// <summary>The second half of the step, for the gain g = η·w.</summary>
    internal static void UpdateScalar(ref float p, ref float qi, ref float qj, int length, float gain, float decayP, float decayQ)
    {
        for (int f = 0; f < length; f++)
        {
            // SAFETY: f < length, the length of all three rows.
            ref float pf = ref Unsafe.Add(ref p, f);
            ref float qif = ref Unsafe.Add(ref qi, f);
            ref float qjf = ref Unsafe.Add(ref qj, f);
            float pOld = pf, qiOld = qif, qjOld = qjf;

            // Fused like the vector paths, so every path rounds the same way.
            pf = MathF.FusedMultiplyAdd(gain, qiOld - qjOld, decayP * pOld);
            qif = MathF.FusedMultiplyAdd(gain, pOld, decayQ * qiOld);
            qjf = MathF.FusedMultiplyAdd(-gain, pOld, decayQ * qjOld);
        }
    }

    /// <summary>The second half of the step on a multiple of the vector width, for the gain g = η·w.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void UpdateWhole<TSimd, TVec>(ref float p, ref float qi, ref float qj, nuint length, float gain, float decayP, float decayQ)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        Update<TSimd, TVec>(ref p, ref qi, ref qj, length, new(TSimd.Create(gain), TSimd.Create(-gain), TSimd.Create(decayP), TSimd.Create(decayQ)));

    /// <summary>Lane-wise partial sums of p·(q_i − q_j) over a multiple of the vector width, in four accumulators as <see cref="DotKernel.Whole{TSimd, TVec}"/> keeps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Products<TSimd, TVec>(ref float p, ref float qi, ref float qj, nuint length)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length % (nuint)TSimd.Count == 0);
        nuint width = (nuint)TSimd.Count;
        TVec acc0 = TSimd.Zero, acc1 = TSimd.Zero, acc2 = TSimd.Zero, acc3 = TSimd.Zero;
        nuint i = 0;
        for (; i + (4 * width) <= length; i += 4 * width)
        {
            // SAFETY: the loop condition keeps [i, i + 4 * width) inside all three rows.
            acc0 = TSimd.MultiplyAdd(TSimd.Load(ref p, i), Difference<TSimd, TVec>(ref qi, ref qj, i), acc0);
            acc1 = TSimd.MultiplyAdd(TSimd.Load(ref p, i + width), Difference<TSimd, TVec>(ref qi, ref qj, i + width), acc1);
            acc2 = TSimd.MultiplyAdd(TSimd.Load(ref p, i + (2 * width)), Difference<TSimd, TVec>(ref qi, ref qj, i + (2 * width)), acc2);
            acc3 = TSimd.MultiplyAdd(TSimd.Load(ref p, i + (3 * width)), Difference<TSimd, TVec>(ref qi, ref qj, i + (3 * width)), acc3);
        }

        // At most three whole vectors remain.
        for (; i < length; i += width)
        {
            // SAFETY: length is a multiple of width, so [i, i + width) is inside all three rows.
            acc0 = TSimd.MultiplyAdd(TSimd.Load(ref p, i), Difference<TSimd, TVec>(ref qi, ref qj, i), acc0);
        }

        return TSimd.Add(TSimd.Add(acc0, acc1), TSimd.Add(acc2, acc3));
    }

    // SAFETY: the callers guarantee [offset, offset + width) is inside both rows.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec Difference<TSimd, TVec>(ref float qi, ref float qj, nuint offset)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        TSimd.Subtract(TSimd.Load(ref qi, offset), TSimd.Load(ref qj, offset));

    /// <summary>The step on a multiple of the vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Update<TSimd, TVec>(ref float p, ref float qi, ref float qj, nuint length, Coefficients<TVec> c)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint width = (nuint)TSimd.Count;
        for (nuint i = 0; i < length; i += width)
        {
            // SAFETY: length is a multiple of width and i < length, so [i, i + width) is in all three rows.
            TVec pv = TSimd.Load(ref p, i), qiv = TSimd.Load(ref qi, i), qjv = TSimd.Load(ref qj, i);
            Step<TSimd, TVec>(ref pv, ref qiv, ref qjv, c);

            // SAFETY: as for the loads.
            TSimd.Store(pv, ref p, i);
            TSimd.Store(qiv, ref qi, i);
            TSimd.Store(qjv, ref qj, i);
        }
    }

    /// <summary>One vector of each row, every new value from the old ones, in the scalar path's operation order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TSimd, TVec>(ref TVec p, ref TVec qi, ref TVec qj, Coefficients<TVec> c)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec pNew = TSimd.MultiplyAdd(c.Gain, TSimd.Subtract(qi, qj), TSimd.Multiply(c.DecayP, p));
        TVec qiNew = TSimd.MultiplyAdd(c.Gain, p, TSimd.Multiply(c.DecayQ, qi));
        TVec qjNew = TSimd.MultiplyAdd(c.NegativeGain, p, TSimd.Multiply(c.DecayQ, qj));
        p = pNew;
        qi = qiNew;
        qj = qjNew;
    }

    /// <summary>The step's scalars, broadcast once per triple. Plain fields, which need no inlining to read.</summary>
    private readonly struct Coefficients<TVec>(TVec gain, TVec negativeGain, TVec decayP, TVec decayQ)
        where TVec : struct
    {
        public readonly TVec Gain = gain;
        public readonly TVec NegativeGain = negativeGain;
        public readonly TVec DecayP = decayP;
        public readonly TVec DecayQ = decayQ;
    }
}
