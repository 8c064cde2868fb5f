using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Kernels;

/// <summary>Implementations of scoring one vector against every row of <see cref="BFloat16Panels"/>.</summary>
internal static class ApproximateScoreKernel
{
    /// <summary>Scores <paramref name="rows"/> rows, decoding one word at a time.</summary>
    internal static void Scalar(ref float p, ref uint panels, int rows, int pairs, ref float scores)
    {
        for (int r = 0; r < rows; r++)
        {
            // SAFETY: r < rows <= the padded row count, so every word read is inside the panels.
            ref uint word = ref Unsafe.Add(ref panels, PanelOffset(r, pairs));
            float sum = 0;
            for (int c = 0; c < pairs; c++)
            {
                // SAFETY: c < pairs; p holds 2 * pairs floats.
                uint w = Unsafe.Add(ref word, c * BFloat16Panels.PanelRows);
                sum = MathF.FusedMultiplyAdd(BFloat16Panels.UnpackEven(w), Unsafe.Add(ref p, 2 * c), sum);
                sum = MathF.FusedMultiplyAdd(BFloat16Panels.UnpackOdd(w), Unsafe.Add(ref p, (2 * c) + 1), sum);
            }

            // SAFETY: r < rows, the length of scores.
            Unsafe.Add(ref scores, r) = sum;
        }
    }

    /// <summary>
    /// Scores every padded row: <paramref name="scores"/> holds <paramref name="paddedRows"/> floats,
    /// <paramref name="p"/> holds 2 × <paramref name="pairs"/> (an even number) floats.
    /// </summary>
    /// <remarks>
    /// Each step takes two vectors of rows, A and B, and walks the column pairs two at a time: eight
    /// independent FMA chains, enough to keep both FMA ports busy through their latency. The query
    /// values are broadcast from memory, which costs a load and no shuffle.
    /// </remarks>
    internal static void Vector<TSimd, TVec>(ref float p, ref uint panels, int paddedRows, int pairs, ref float scores)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int width = TSimd.Count;
        Debug.Assert(BFloat16Panels.PanelRows % width == 0 && paddedRows % (2 * width) == 0 && pairs % 2 == 0);
        nuint panelStride = BFloat16Panels.PanelRows;
        for (int r = 0; r < paddedRows; r += 2 * width)
        {
            // SAFETY: r + 2 * width <= paddedRows, so both row groups lie inside the panels.
            ref uint a = ref Unsafe.Add(ref panels, PanelOffset(r, pairs));
            ref uint b = ref Unsafe.Add(ref panels, PanelOffset(r + width, pairs));
            TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
            TVec b0 = TSimd.Zero, b1 = TSimd.Zero, b2 = TSimd.Zero, b3 = TSimd.Zero;
            ref float q = ref p;
            nuint offset = 0;
            for (int c = 0; c < pairs; c += 2)
            {
                // SAFETY: c + 1 < pairs, so words offset and offset + panelStride of each group
                // exist, and q[0..3] lies inside p's 2 * pairs floats.
                TVec p0 = TSimd.Create(q);
                TVec p1 = TSimd.Create(Unsafe.Add(ref q, 1));
                TVec p2 = TSimd.Create(Unsafe.Add(ref q, 2));
                TVec p3 = TSimd.Create(Unsafe.Add(ref q, 3));
                TVec wa = TSimd.LoadBits(ref a, offset);
                TVec wb = TSimd.LoadBits(ref b, offset);
                TVec va = TSimd.LoadBits(ref a, offset + panelStride);
                TVec vb = TSimd.LoadBits(ref b, offset + panelStride);
                a0 = TSimd.MultiplyAdd(wa, p0, a0);
                b0 = TSimd.MultiplyAdd(wb, p0, b0);
                a1 = TSimd.MultiplyAdd(TSimd.ShiftLowHalfUp(wa), p1, a1);
                b1 = TSimd.MultiplyAdd(TSimd.ShiftLowHalfUp(wb), p1, b1);
                a2 = TSimd.MultiplyAdd(va, p2, a2);
                b2 = TSimd.MultiplyAdd(vb, p2, b2);
                a3 = TSimd.MultiplyAdd(TSimd.ShiftLowHalfUp(va), p3, a3);
                b3 = TSimd.MultiplyAdd(TSimd.ShiftLowHalfUp(vb), p3, b3);
                q = ref Unsafe.Add(ref q, 4);
                offset += 2 * panelStride;
            }

            // SAFETY: r + 2 * width <= paddedRows, the length of scores.
            TSimd.Store(TSimd.Add(TSimd.Add(a0, a1), TSimd.Add(a2, a3)), ref scores, (nuint)r);
            TSimd.Store(TSimd.Add(TSimd.Add(b0, b1), TSimd.Add(b2, b3)), ref scores, (nuint)(r + width));
        }
    }

    // Where row r's word for column pair 0 lives; pair c is PanelRows words further on per pair.
    private static nint PanelOffset(int row, int pairs) =>
        ((nint)(row / BFloat16Panels.PanelRows) * BFloat16Panels.PanelRows * pairs) + (row % BFloat16Panels.PanelRows);
}
