using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>Implementations of cosine similarity of one vector against every row of a padded matrix.</summary>
internal static class CosineKernel
{
    /// <summary>The similarity from a dot product and two norms; 0 when either norm is 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Finish(float dot, float normX, float normRow) =>
        normX == 0f || normRow == 0f ? 0f : dot / (normX * normRow);

    /// <summary>Over the logical columns only, so <paramref name="x"/> needs no padding.</summary>
    internal static void Scalar(ref float x, float normX, ref float matrix, int rows, int columns, int stride, ref float similarities)
    {
        for (int r = 0; r < rows; r++)
        {
            // SAFETY: r < rows and the matrix holds rows * stride floats, with columns <= stride.
            ref float row = ref Unsafe.Add(ref matrix, (nint)r * stride);
            float dot = DotKernel.Scalar(ref x, ref row, columns);
            float normRow = MathF.Sqrt(DotKernel.Scalar(ref row, ref row, columns));

            // SAFETY: r < rows, the length of similarities.
            Unsafe.Add(ref similarities, r) = Finish(dot, normX, normRow);
        }
    }

    /// <summary>
    /// Computes each row's dot product with <paramref name="x"/> and its norm in the same pass.
    /// <paramref name="x"/> is padded to <paramref name="stride"/> floats with zeros, and
    /// <paramref name="stride"/> is a multiple of the vector width.
    /// </summary>
    internal static void Vector<TSimd, TVec>(ref float x, float normX, ref float matrix, int rows, int stride, ref float similarities)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        Debug.Assert(stride % TSimd.Count == 0);
        nuint width = (nuint)TSimd.Count;
        nuint s = (nuint)stride;
        ref float row = ref matrix;
        int r = 0;

        // Two rows at a time: each row load feeds two FMAs, and two rows give four independent chains.
        for (; r + 2 <= rows; r += 2)
        {
            TVec dot0 = TSimd.Zero, dot1 = TSimd.Zero, sq0 = TSimd.Zero, sq1 = TSimd.Zero;
            for (nuint j = 0; j < s; j += width)
            {
                // SAFETY: j < s and s is a multiple of width, so [j, j + width) is inside x and inside
                // rows r and r + 1, which exist because r + 2 <= rows.
                TVec xv = TSimd.Load(ref x, j);
                TVec q0 = TSimd.Load(ref row, j);
                TVec q1 = TSimd.Load(ref row, s + j);
                dot0 = TSimd.MultiplyAdd(q0, xv, dot0);
                sq0 = TSimd.MultiplyAdd(q0, q0, sq0);
                dot1 = TSimd.MultiplyAdd(q1, xv, dot1);
                sq1 = TSimd.MultiplyAdd(q1, q1, sq1);
            }

            // SAFETY: r + 1 < rows, the length of similarities.
            Unsafe.Add(ref similarities, r) = Finish(TSimd.Sum(dot0), normX, MathF.Sqrt(TSimd.Sum(sq0)));
            Unsafe.Add(ref similarities, r + 1) = Finish(TSimd.Sum(dot1), normX, MathF.Sqrt(TSimd.Sum(sq1)));

            // SAFETY: moves to row r + 2, at most one past the last row, dereferenced only if it exists.
            row = ref Unsafe.Add(ref row, 2 * s);
        }

        if (r < rows)
        {
            // SAFETY: r < rows, so row is a whole padded row and similarities[r] exists.
            float dot = TSimd.Sum(DotKernel.Whole<TSimd, TVec>(ref x, ref row, s));
            float normRow = MathF.Sqrt(TSimd.Sum(DotKernel.Whole<TSimd, TVec>(ref row, ref row, s)));
            Unsafe.Add(ref similarities, r) = Finish(dot, normX, normRow);
        }
    }
}
