using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>Dot product implementations, one per path.</summary>
internal static class DotKernel
{
    internal static float Scalar(ref float x, ref float y, int length)
    {
        float sum = 0f;
        for (int i = 0; i < length; i++)
        {
            // SAFETY: i < length, the length of both inputs.
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }

        return sum;
    }

    /// <summary>Any length of at least one vector.</summary>
    internal static float Vector<TSimd, TVec>(ref float x, ref float y, int length)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length >= TSimd.Count);
        nuint width = (nuint)TSimd.Count;
        nuint n = (nuint)length;
        nuint whole = n - (n % width);
        TVec sum = Whole<TSimd, TVec>(ref x, ref y, whole);

        nuint remainder = n - whole;
        if (remainder != 0)
        {
            // The last full vector overlaps lanes already summed; clearing them counts each once.
            // SAFETY: length >= width, so [n - width, n) lies inside both inputs.
            TVec tail = TSimd.Multiply(TSimd.Load(ref x, n - width), TSimd.Load(ref y, n - width));
            sum = TSimd.Add(sum, TSimd.ClearLeading(tail, (int)(width - remainder)));
        }

        return TSimd.Sum(sum);
    }

    /// <summary>Lane-wise partial sums over a length that is a multiple of the vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVec Whole<TSimd, TVec>(ref float x, ref float y, nuint length)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(length % (nuint)TSimd.Count == 0);
        nuint width = (nuint)TSimd.Count;

        // Four independent accumulators keep four FMAs in flight instead of waiting on one chain.
        TVec acc0 = TSimd.Zero, acc1 = TSimd.Zero, acc2 = TSimd.Zero, acc3 = TSimd.Zero;
        nuint i = 0;
        for (; i + (4 * width) <= length; i += 4 * width)
        {
            // SAFETY: the loop condition keeps [i, i + 4 * width) inside both inputs.
            acc0 = TSimd.MultiplyAdd(TSimd.Load(ref x, i), TSimd.Load(ref y, i), acc0);
            acc1 = TSimd.MultiplyAdd(TSimd.Load(ref x, i + width), TSimd.Load(ref y, i + width), acc1);
            acc2 = TSimd.MultiplyAdd(TSimd.Load(ref x, i + (2 * width)), TSimd.Load(ref y, i + (2 * width)), acc2);
            acc3 = TSimd.MultiplyAdd(TSimd.Load(ref x, i + (3 * width)), TSimd.Load(ref y, i + (3 * width)), acc3);
        }

        // At most three vectors remain; length is a multiple of width, so each check below
        // that i < length means a whole vector [i, i + width) is in bounds.
        if (i < length)
        {
            // SAFETY: see above.
            acc0 = TSimd.MultiplyAdd(TSimd.Load(ref x, i), TSimd.Load(ref y, i), acc0);
            i += width;
            if (i < length)
            {
                // SAFETY: see above.
                acc1 = TSimd.MultiplyAdd(TSimd.Load(ref x, i), TSimd.Load(ref y, i), acc1);
                i += width;
                if (i < length)
                {
                    // SAFETY: see above.
                    acc2 = TSimd.MultiplyAdd(TSimd.Load(ref x, i), TSimd.Load(ref y, i), acc2);
                }
            }
        }

        return TSimd.Add(TSimd.Add(acc0, acc1), TSimd.Add(acc2, acc3));
    }
}
