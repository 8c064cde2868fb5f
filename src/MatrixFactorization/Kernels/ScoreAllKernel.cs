using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>Implementations of scoring one vector against every row of a padded matrix.</summary>
internal static class ScoreAllKernel
{
    /// <summary>Scores over the logical columns only, so <paramref name="p"/> needs no padding.</summary>
    internal static void Scalar(ref float p, ref float matrix, int rows, int columns, int stride, ref float scores)
    {
        for (int r = 0; r < rows; r++)
        {
            // SAFETY: r < rows and the matrix holds rows * stride floats, with columns <= stride;
            // scores holds rows floats.
            Unsafe.Add(ref scores, r) = DotKernel.Scalar(ref p, ref Unsafe.Add(ref matrix, (nint)r * stride), columns);
        }
    }

    /// <summary>
    /// <paramref name="p"/> is padded to <paramref name="stride"/> floats with zeros, and
    /// <paramref name="stride"/> is a multiple of the vector width.
    /// </summary>
    internal static void Vector<TSimd, TVec>(ref float p, ref float matrix, int rows, int stride, ref float scores)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(stride % TSimd.Count == 0);
        nuint width = (nuint)TSimd.Count;
        nuint s = (nuint)stride;
        ref float row = ref matrix;
        int r = 0;

        // Four rows at a time share each load of p and give four independent FMA chains.
        for (; r + 4 <= rows; r += 4)
        {
            TVec acc0 = TSimd.Zero, acc1 = TSimd.Zero, acc2 = TSimd.Zero, acc3 = TSimd.Zero;
            for (nuint j = 0; j < s; j += width)
            {
                // SAFETY: j < s and s is a multiple of width, so [j, j + width) is inside p and inside
                // each of rows r..r+3, which exist because r + 4 <= rows.
                TVec pv = TSimd.Load(ref p, j);
                acc0 = TSimd.MultiplyAdd(TSimd.Load(ref row, j), pv, acc0);
                acc1 = TSimd.MultiplyAdd(TSimd.Load(ref row, s + j), pv, acc1);
                acc2 = TSimd.MultiplyAdd(TSimd.Load(ref row, (2 * s) + j), pv, acc2);
                acc3 = TSimd.MultiplyAdd(TSimd.Load(ref row, (3 * s) + j), pv, acc3);
            }

            Vector128<float> sums = HorizontalSums.Of(TSimd.Fold(acc0), TSimd.Fold(acc1), TSimd.Fold(acc2), TSimd.Fold(acc3));

            // SAFETY: r + 3 < rows, the length of scores.
            sums.StoreUnsafe(ref scores, (nuint)r);

            // SAFETY: moves to row r + 4, which is at most one past the last row and is only
            // dereferenced if it exists.
            row = ref Unsafe.Add(ref row, 4 * s);
        }

        for (; r < rows; r++)
        {
            // SAFETY: r < rows, so row is a whole padded row and scores[r] exists.
            Unsafe.Add(ref scores, r) = TSimd.Sum(DotKernel.Whole<TSimd, TVec>(ref p, ref row, s));

            // SAFETY: as above, at most one past the last row and then no longer dereferenced.
            row = ref Unsafe.Add(ref row, s);
        }
    }
}
