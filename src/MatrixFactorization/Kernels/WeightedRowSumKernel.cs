using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// result += Σ_j w_j · row_j over gathered padded rows, one implementation per path; only the first
/// <c>length</c> floats of each row take part (the whole padded row, or a prefix of it for the lower
/// triangle of a symmetric sum).
/// </summary>
internal static class WeightedRowSumKernel
{
    internal static void Scalar(ref float matrix, int stride, int length, ref int rows, ref float weights, int count, ref float result)
    {
        for (int j = 0; j < count; j++)
        {
            // SAFETY: the caller guarantees every row index is a row of the matrix and j < count.
            ref float row = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
            float w = Unsafe.Add(ref weights, j);
            for (int f = 0; f < length; f++)
            {
                Unsafe.Add(ref result, f) += w * Unsafe.Add(ref row, f);
            }
        }
    }

    /// <summary>
    /// Column blocks of four vectors outermost, rows innermost: a block's sums stay in four registers
    /// across all the rows and are stored once, instead of loading and storing the result per row as
    /// an axpy per row would.
    /// </summary>
    internal static void Vector<TSimd, TVec>(ref float matrix, int stride, int prefix, ref int rows, ref float weights, int count, ref float result)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(stride % TSimd.Count == 0 && prefix % TSimd.Count == 0 && prefix <= stride);
        nuint width = (nuint)TSimd.Count;
        nuint length = (nuint)prefix;
        nuint b = 0;
        for (; b + (4 * width) <= length; b += 4 * width)
        {
            // SAFETY: [b, b + 4 * width) lies inside the padded row and the result.
            TVec a0 = TSimd.Load(ref result, b);
            TVec a1 = TSimd.Load(ref result, b + width);
            TVec a2 = TSimd.Load(ref result, b + (2 * width));
            TVec a3 = TSimd.Load(ref result, b + (3 * width));
            for (int j = 0; j < count; j++)
            {
                // SAFETY: the caller guarantees every row index is a row of the matrix and j < count.
                ref float row = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
                TVec w = TSimd.Create(Unsafe.Add(ref weights, j));
                a0 = TSimd.MultiplyAdd(w, TSimd.Load(ref row, b), a0);
                a1 = TSimd.MultiplyAdd(w, TSimd.Load(ref row, b + width), a1);
                a2 = TSimd.MultiplyAdd(w, TSimd.Load(ref row, b + (2 * width)), a2);
                a3 = TSimd.MultiplyAdd(w, TSimd.Load(ref row, b + (3 * width)), a3);
            }

            TSimd.Store(a0, ref result, b);
            TSimd.Store(a1, ref result, b + width);
            TSimd.Store(a2, ref result, b + (2 * width));
            TSimd.Store(a3, ref result, b + (3 * width));
        }

        for (; b < length; b += width)
        {
            // SAFETY: the prefix is a whole number of vectors, so [b, b + width) is inside.
            TVec a = TSimd.Load(ref result, b);
            for (int j = 0; j < count; j++)
            {
                ref float row = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
                a = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref weights, j)), TSimd.Load(ref row, b), a);
            }

            TSimd.Store(a, ref result, b);
        }
    }
}
