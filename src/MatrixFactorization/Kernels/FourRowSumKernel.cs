using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// Four weighted row sums over the same gathered rows at once: result_t += Σ_j w_t[j] · row_j for
/// t = 0 … 3, on the first <c>length</c> floats of each row. Each row loaded serves four sums, and
/// the eight accumulators of a two-vector block are eight independent chains, where one sum alone
/// over a short prefix is a single chain that waits on its own additions.
/// </summary>
/// <remarks>
/// Every entry is still summed over j in order from its stored value, so it is bit-identical to
/// <see cref="WeightedRowSumKernel"/>'s.
/// </remarks>
internal static class FourRowSumKernel
{
    internal static void Scalar(ref float matrix, int stride, int length, ref int rows, ref float weights, int weightStride, int count, ref float result, int resultStride)
    {
        for (int t = 0; t < 4; t++)
        {
            WeightedRowSumKernel.Scalar(ref matrix, stride, length, ref rows, ref Unsafe.Add(ref weights, t * weightStride), count, ref Unsafe.Add(ref result, t * resultStride));
        }
    }

    internal static void Vector<TSimd, TVec>(ref float matrix, int stride, int length, ref int rows, ref float weights, int weightStride, int count, ref float result, int resultStride)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length % TSimd.Count == 0 && length <= stride);
        nuint width = (nuint)TSimd.Count;
        nuint end = (nuint)length;
        ref float w0 = ref weights;
        ref float w1 = ref Unsafe.Add(ref weights, weightStride);
        ref float w2 = ref Unsafe.Add(ref weights, 2 * weightStride);
        ref float w3 = ref Unsafe.Add(ref weights, 3 * weightStride);
        ref float r0 = ref result;
        ref float r1 = ref Unsafe.Add(ref result, resultStride);
        ref float r2 = ref Unsafe.Add(ref result, 2 * resultStride);
        ref float r3 = ref Unsafe.Add(ref result, 3 * resultStride);
        nuint b = 0;
        for (; b + (2 * width) <= end; b += 2 * width)
        {
            // SAFETY: [b, b + 2 * width) lies inside the prefix of every row and result.
            nuint c = b + width;
            TVec a00 = TSimd.Load(ref r0, b), a01 = TSimd.Load(ref r0, c);
            TVec a10 = TSimd.Load(ref r1, b), a11 = TSimd.Load(ref r1, c);
            TVec a20 = TSimd.Load(ref r2, b), a21 = TSimd.Load(ref r2, c);
            TVec a30 = TSimd.Load(ref r3, b), a31 = TSimd.Load(ref r3, c);
            for (int j = 0; j < count; j++)
            {
                // SAFETY: the caller guarantees every row index is a row of the matrix and j < count.
                ref float row = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
                TVec x0 = TSimd.Load(ref row, b), x1 = TSimd.Load(ref row, c);
                TVec s = TSimd.Create(Unsafe.Add(ref w0, j));
                a00 = TSimd.MultiplyAdd(s, x0, a00);
                a01 = TSimd.MultiplyAdd(s, x1, a01);
                s = TSimd.Create(Unsafe.Add(ref w1, j));
                a10 = TSimd.MultiplyAdd(s, x0, a10);
                a11 = TSimd.MultiplyAdd(s, x1, a11);
                s = TSimd.Create(Unsafe.Add(ref w2, j));
                a20 = TSimd.MultiplyAdd(s, x0, a20);
                a21 = TSimd.MultiplyAdd(s, x1, a21);
                s = TSimd.Create(Unsafe.Add(ref w3, j));
                a30 = TSimd.MultiplyAdd(s, x0, a30);
                a31 = TSimd.MultiplyAdd(s, x1, a31);
            }

            TSimd.Store(a00, ref r0, b);
            TSimd.Store(a01, ref r0, c);
            TSimd.Store(a10, ref r1, b);
            TSimd.Store(a11, ref r1, c);
            TSimd.Store(a20, ref r2, b);
            TSimd.Store(a21, ref r2, c);
            TSimd.Store(a30, ref r3, b);
            TSimd.Store(a31, ref r3, c);
        }

        if (b < end)
        {
            // One vector left: four chains still.
            TVec a0 = TSimd.Load(ref r0, b), a1 = TSimd.Load(ref r1, b), a2 = TSimd.Load(ref r2, b), a3 = TSimd.Load(ref r3, b);
            for (int j = 0; j < count; j++)
            {
                ref float row = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
                TVec x = TSimd.Load(ref row, b);
                a0 = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref w0, j)), x, a0);
                a1 = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref w1, j)), x, a1);
                a2 = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref w2, j)), x, a2);
                a3 = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref w3, j)), x, a3);
            }

            TSimd.Store(a0, ref r0, b);
            TSimd.Store(a1, ref r1, b);
            TSimd.Store(a2, ref r2, b);
            TSimd.Store(a3, ref r3, b);
        }
    }
}
