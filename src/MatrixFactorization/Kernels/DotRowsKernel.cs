using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>Dot products of gathered padded rows with one vector, one implementation per path.</summary>
internal static class DotRowsKernel
{
    internal static void Scalar(ref float matrix, int stride, ref int rows, int count, ref float v, ref float dots)
    {
        for (int j = 0; j < count; j++)
        {
            // SAFETY: the caller guarantees every row index is a row of the matrix and j < count.
            ref float row = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
            Unsafe.Add(ref dots, j) = DotKernel.Scalar(ref row, ref v, stride);
        }
    }

    /// <summary>
    /// Four rows at a time: each vector of <paramref name="v"/> is loaded once for the four, and the
    /// four sums are reduced together (<see cref="HorizontalSums"/>), which costs about a third of
    /// four separate reductions; the reduction, not the multiply-adds, dominated one row at a time.
    /// </summary>
    internal static void Vector<TSimd, TVec>(ref float matrix, int stride, ref int rows, int count, ref float v, ref float dots)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(stride % TSimd.Count == 0);
        nuint width = (nuint)TSimd.Count;
        nuint length = (nuint)stride;
        int j = 0;
        for (; j + 4 <= count; j += 4)
        {
            // SAFETY: the caller guarantees the four row indices are rows of the matrix.
            ref float r0 = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
            ref float r1 = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j + 1) * stride);
            ref float r2 = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j + 2) * stride);
            ref float r3 = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j + 3) * stride);
            TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
            for (nuint b = 0; b < length; b += width)
            {
                // SAFETY: the stride is a whole number of vectors, so [b, b + width) is inside every row.
                TVec vb = TSimd.Load(ref v, b);
                a0 = TSimd.MultiplyAdd(TSimd.Load(ref r0, b), vb, a0);
                a1 = TSimd.MultiplyAdd(TSimd.Load(ref r1, b), vb, a1);
                a2 = TSimd.MultiplyAdd(TSimd.Load(ref r2, b), vb, a2);
                a3 = TSimd.MultiplyAdd(TSimd.Load(ref r3, b), vb, a3);
            }

            // SAFETY: j + 4 <= count, the length of dots.
            HorizontalSums.Of(TSimd.Fold(a0), TSimd.Fold(a1), TSimd.Fold(a2), TSimd.Fold(a3)).StoreUnsafe(ref dots, (nuint)j);
        }

        for (; j < count; j++)
        {
            ref float row = ref Unsafe.Add(ref matrix, (nint)Unsafe.Add(ref rows, j) * stride);
            TVec a = TSimd.Zero;
            for (nuint b = 0; b < length; b += width)
            {
                a = TSimd.MultiplyAdd(TSimd.Load(ref row, b), TSimd.Load(ref v, b), a);
            }

            Unsafe.Add(ref dots, j) = TSimd.Sum(a);
        }
    }
}
