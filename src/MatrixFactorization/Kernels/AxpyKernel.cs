using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>y += a·x implementations, one per path.</summary>
internal static class AxpyKernel
{
    internal static void Scalar(float a, ref float x, ref float y, int length)
    {
        for (int i = 0; i < length; i++)
        {
            // SAFETY: i < length, the length of both spans.
            Unsafe.Add(ref y, i) += a * Unsafe.Add(ref x, i);
        }
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static void Vector<TSimd, TVec>(float a, ref float x, ref float y, int length)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        TVec av = TSimd.Create(a);
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint last = n - width;

        // The overlapping last vector is computed before the loop and stored after it so no lane
        // of y is incremented twice (and an x that is y reads only old values).
        // SAFETY: length >= width, so [last, n) lies inside both spans.
        TVec tail = TSimd.MultiplyAdd(av, TSimd.Load(ref x, last), TSimd.Load(ref y, last));

        for (nuint i = 0; i < last; i += width)
        {
            // SAFETY: i < last = n - width, so [i, i + width) is inside both spans.
            TSimd.Store(TSimd.MultiplyAdd(av, TSimd.Load(ref x, i), TSimd.Load(ref y, i)), ref y, i);
        }

        // SAFETY: as for the tail loads.
        TSimd.Store(tail, ref y, last);
    }

    /// <summary>Whole vectors only: a length that is a multiple of the vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Whole<TSimd, TVec>(float a, ref float x, ref float y, nuint length)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length % (nuint)TSimd.Count == 0);
        TVec av = TSimd.Create(a);
        nuint width = (nuint)TSimd.Count;
        for (nuint i = 0; i < length; i += width)
        {
            // SAFETY: length is a multiple of width, so [i, i + width) is inside both inputs.
            TSimd.Store(TSimd.MultiplyAdd(av, TSimd.Load(ref x, i), TSimd.Load(ref y, i)), ref y, i);
        }
    }
}
