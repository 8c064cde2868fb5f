using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MatrixFactorization.Kernels;

/// <summary>
/// The parts of the BPR step on a sampled triple (user u, an item i the user chose, an item j they
/// did not) that the run kernels of training (<c>Training.BprRuns</c>) share: with b the bias
/// difference b_i − b_j,
/// <code>
/// x = b + Σ p·(q_i − q_j)        w = σ(−x) = 1 / (1 + eˣ)        g = η·w
/// </code>
/// the score difference, summed as every path of a run sums it, and the weight w, the derivative
/// of the triple's BPR criterion ln σ(x) with respect to x.
/// </summary>
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

    /// <summary>
    /// <see cref="Weight"/> of eight score differences at once, lane by lane in the same operations,
    /// so each lane is the bits <see cref="Weight"/> gives: a group of triples pays for one
    /// exponential and one division instead of one each.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Weights(Vector256<float> x)
    {
        // Max and Min propagate NaN here as MathF's do.
        Vector256<float> clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(-WeightLimit)), Vector256.Create(WeightLimit));
        return Vector256<float>.One / (Vector256<float>.One + Exp(clamped));
    }

    /// <summary><see cref="Exp(float)"/> lane by lane, in its operations and order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> shift = Vector256.Create(12582912f);
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(1.44269504088896341f), shift);
        Vector256<float> n = shifted - shift;
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(2.12194440e-4f), Vector256.FusedMultiplyAdd(n, Vector256.Create(-0.693359375f), x));
        Vector256<float> r2 = r * r;
        Vector256<float> low = Vector256.FusedMultiplyAdd(Vector256.Create(1.6666665459e-1f), r, Vector256.Create(5.0000001201e-1f));
        Vector256<float> middle = Vector256.FusedMultiplyAdd(Vector256.Create(8.3334519073e-3f), r, Vector256.Create(4.1665795894e-2f));
        Vector256<float> high = Vector256.FusedMultiplyAdd(Vector256.Create(1.9875691500e-4f), r, Vector256.Create(1.3981999507e-3f));
        Vector256<float> tail = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(high, r2, middle), r2, low);
        Vector256<float> er = Vector256.FusedMultiplyAdd(tail, r2, r) + Vector256<float>.One;
        Vector256<int> exponent = shifted.AsInt32() - shift.AsInt32();
        return er * Vector256.ShiftLeft(exponent + Vector256.Create(127), 23).AsSingle();
    }

    /// <summary>
    /// The totals of eight groups of four partial sums at once: lane k of the result is the sum of
    /// <paramref name="partials"/>[4k .. 4k + 3], added as ((a₀ + a₁) + (a₂ + a₃)).
    /// </summary>
    /// <remarks>
    /// A run kernel folds each triple's products to four partial sums and leaves them here; three
    /// horizontal additions then finish eight triples' sums, where a sum of its own per triple took
    /// six shuffles and additions, and putting it in its lane four more. Each group of four is
    /// loaded with a load of the same 16 bytes its store wrote, so the loads take the stored values
    /// straight from the store queue.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> SumsOfEight(ref float partials)
    {
        // SAFETY: the caller's scratch holds 32 floats.
        Vector128<float> v0 = Vector128.LoadUnsafe(ref partials, 0), v1 = Vector128.LoadUnsafe(ref partials, 4);
        Vector128<float> v2 = Vector128.LoadUnsafe(ref partials, 8), v3 = Vector128.LoadUnsafe(ref partials, 12);
        Vector128<float> v4 = Vector128.LoadUnsafe(ref partials, 16), v5 = Vector128.LoadUnsafe(ref partials, 20);
        Vector128<float> v6 = Vector128.LoadUnsafe(ref partials, 24), v7 = Vector128.LoadUnsafe(ref partials, 28);
        if (Avx.IsSupported)
        {
            // A horizontal addition pairs neighbours within each 128-bit half: with vectors k and
            // k + 4 in the halves of one register, the third addition leaves the sums in order.
            Vector256<float> pairs01 = Avx.HorizontalAdd(Vector256.Create(v0, v4), Vector256.Create(v1, v5));
            Vector256<float> pairs23 = Avx.HorizontalAdd(Vector256.Create(v2, v6), Vector256.Create(v3, v7));
            return Avx.HorizontalAdd(pairs01, pairs23);
        }

        return Vector256.Create(Total(v0), Total(v1), Total(v2), Total(v3), Total(v4), Total(v5), Total(v6), Total(v7));

        static float Total(Vector128<float> v) => (v[0] + v[1]) + (v[2] + v[3]);
    }

    /// <summary>Σ p·(q_i − q_j) in coordinate order: the scalar path's sum.</summary>
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

    /// <summary>Σ p·(q_i − q_j) on a multiple of the vector width, in four accumulators: the vector paths' sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float DifferenceWhole<TSimd, TVec>(ref float p, ref float qi, ref float qj, nuint length)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct =>
        TSimd.Sum(Products<TSimd, TVec>(ref p, ref qi, ref qj, length));

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
}
