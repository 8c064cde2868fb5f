using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>x *= a implementations, one per path.</summary>
internal static class ScaleKernel
{
    internal static void Scalar(ref float x, int length, float a)
    {
        for (int i = 0; i < length; i++)
        {
            // SAFETY: i < length, the length of x.
            Unsafe.Add(ref x, i) *= a;
        }
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static void Vector<TSimd, TVec>(ref float x, int length, float a)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        TVec av = TSimd.Create(a);
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint last = n - width;

        // The overlapping last vector is scaled from old values and stored after the loop, so no
        // lane is scaled twice.
        // SAFETY: length >= width, so [last, n) lies inside x.
        TVec tail = TSimd.Multiply(TSimd.Load(ref x, last), av);

        for (nuint i = 0; i < last; i += width)
        {
            // SAFETY: i < last = n - width, so [i, i + width) is inside x.
            TSimd.Store(TSimd.Multiply(TSimd.Load(ref x, i), av), ref x, i);
        }

        // SAFETY: as for the tail load.
        TSimd.Store(tail, ref x, last);
    }
}
