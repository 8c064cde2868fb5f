using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// The Gram matrix C = PᵀP of a panel P of gathered rows (count rows of <c>width</c> floats, row-major,
/// zero beyond <c>width</c>), the sums of least-squares normal equations. The first
/// <c>factors</c> columns are the factors, whose block of C is symmetric, so only its upper
/// triangle is summed; the remaining columns (a bias's ones, the targets) get whole rows of C.
/// </summary>
/// <remarks>
/// <para>
/// A tile of <see cref="TileRows"/> rows of C by up to four vectors of columns stays in registers
/// for the whole panel: each panel row gives one vector load per column vector and one broadcast
/// per tile row, against tile rows × vectors fused multiply-adds, so the kernel is bound by the
/// multiply-adds rather than by loads (a sum of one row at a time does one load per multiply-add).
/// </para>
/// <para>
/// Computed: row f &lt; factors over columns [f rounded down to a vector, factors rounded up to a
/// vector); row f ≥ factors over columns [0, width rounded up to a vector). Only columns g ≥ f of a
/// factor row and columns below width of the other rows hold sums the caller may read. Every entry
/// is summed over the panel's rows in order, so on a given path the result depends on nothing but
/// the panel (and not on which thread or workspace computes it).
/// </para>
/// </remarks>
internal static class GramKernel
{
    /// <summary>Rows of C per tile, each a broadcast panel value per panel row.</summary>
    internal const int TileRows = 4;

    /// <summary>C ← PᵀP, or C + PᵀP when <paramref name="accumulate"/>, on the entries described above.</summary>
    /// <param name="path">The kernel path.</param>
    /// <param name="panel">Row 0 of P; a row may be read up to <see cref="TileRows"/> floats past <paramref name="width"/> (the values are not used).</param>
    /// <param name="panelStride">Floats between rows of P, at least <paramref name="width"/> rounded up to <see cref="FactorMatrix.RowAlignment"/>.</param>
    /// <param name="count">Rows of P.</param>
    /// <param name="factors">Leading columns whose block of C is symmetric.</param>
    /// <param name="width">Columns of P.</param>
    /// <param name="c">Row 0 of C, <paramref name="width"/> rows.</param>
    /// <param name="gramStride">Floats between rows of C, at least <paramref name="panelStride"/>.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    internal static void Compute(KernelPath path, ref float panel, int panelStride, int count, int factors, int width, ref float c, int gramStride, bool accumulate)
    {
        Debug.Assert(factors <= width && width <= panelStride && panelStride <= gramStride);
        Debug.Assert(panelStride % FactorMatrix.RowAlignment == 0);
        switch (path)
        {
            case KernelPath.Vector512:
                Vector<Simd512, Vector512<float>>(ref panel, panelStride, count, factors, width, ref c, gramStride, accumulate, 4);
                break;
            case KernelPath.Vector256:
                // Sixteen 256-bit registers: a 4 × 2 tile plus its loads and broadcast fit.
                Vector<Simd256, Vector256<float>>(ref panel, panelStride, count, factors, width, ref c, gramStride, accumulate, 2);
                break;
            case KernelPath.Vector128:
                Vector<Simd128, Vector128<float>>(ref panel, panelStride, count, factors, width, ref c, gramStride, accumulate, 2);
                break;
            default:
                Scalar(ref panel, panelStride, count, factors, width, ref c, gramStride, accumulate);
                break;
        }
    }

    internal static void Scalar(ref float panel, int panelStride, int count, int factors, int width, ref float c, int gramStride, bool accumulate)
    {
        for (int f = 0; f < width; f++)
        {
            int first = f < factors ? f : 0;
            int end = f < factors ? factors : width;
            for (int g = first; g < end; g++)
            {
                float sum = 0;
                for (int j = 0; j < count; j++)
                {
                    ref float row = ref Unsafe.Add(ref panel, j * panelStride);
                    sum += Unsafe.Add(ref row, f) * Unsafe.Add(ref row, g);
                }

                ref float target = ref Unsafe.Add(ref c, (f * gramStride) + g);
                target = accumulate ? target + sum : sum;
            }
        }
    }

    private static void Vector<TSimd, TVec>(ref float panel, int panelStride, int count, int factors, int width, ref float c, int gramStride, bool accumulate, int maxVectors)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int w = TSimd.Count;
        int factorEnd = (factors + w - 1) / w * w;
        for (int f0 = 0; f0 < factors; f0 += TileRows)
        {
            Columns<TSimd, TVec>(ref panel, panelStride, count, f0, Math.Min(TileRows, factors - f0), f0 / w * w, factorEnd, ref c, gramStride, accumulate, maxVectors);
        }

        int end = (width + w - 1) / w * w;
        for (int f0 = factors; f0 < width; f0 += TileRows)
        {
            Columns<TSimd, TVec>(ref panel, panelStride, count, f0, Math.Min(TileRows, width - f0), 0, end, ref c, gramStride, accumulate, maxVectors);
        }
    }

    private static void Columns<TSimd, TVec>(ref float panel, int panelStride, int count, int f0, int rows, int first, int end, ref float c, int gramStride, bool accumulate, int maxVectors)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        int w = TSimd.Count;
        ref float broadcast = ref Unsafe.Add(ref panel, f0);
        ref float target = ref Unsafe.Add(ref c, f0 * gramStride);
        int column = first;
        while (column < end)
        {
            int vectors = Math.Min(maxVectors, (end - column) / w);
            if (vectors >= 4)
            {
                Tile4<TSimd, TVec>(ref broadcast, ref Unsafe.Add(ref panel, column), panelStride, count, ref Unsafe.Add(ref target, column), gramStride, rows, accumulate);
                column += 4 * w;
            }
            else if (vectors >= 2)
            {
                Tile2<TSimd, TVec>(ref broadcast, ref Unsafe.Add(ref panel, column), panelStride, count, ref Unsafe.Add(ref target, column), gramStride, rows, accumulate);
                column += 2 * w;
            }
            else
            {
                Tile1<TSimd, TVec>(ref broadcast, ref Unsafe.Add(ref panel, column), panelStride, count, ref Unsafe.Add(ref target, column), gramStride, rows, accumulate);
                column += w;
            }
        }
    }

    // SAFETY (the three tiles): the panel has count rows of panelStride floats from which the
    // TileRows broadcast values and the tile's vectors are read; the target has `rows` rows of
    // gramStride floats, with the tile's vectors inside each.
    private static void Tile4<TSimd, TVec>(ref float broadcast, ref float vectors, int panelStride, int count, ref float target, int gramStride, int rows, bool accumulate)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;
        TVec a00 = TSimd.Zero, a01 = TSimd.Zero, a02 = TSimd.Zero, a03 = TSimd.Zero;
        TVec a10 = TSimd.Zero, a11 = TSimd.Zero, a12 = TSimd.Zero, a13 = TSimd.Zero;
        TVec a20 = TSimd.Zero, a21 = TSimd.Zero, a22 = TSimd.Zero, a23 = TSimd.Zero;
        TVec a30 = TSimd.Zero, a31 = TSimd.Zero, a32 = TSimd.Zero, a33 = TSimd.Zero;
        for (int j = 0; j < count; j++)
        {
            TVec x0 = TSimd.Load(ref vectors, 0), x1 = TSimd.Load(ref vectors, w), x2 = TSimd.Load(ref vectors, 2 * w), x3 = TSimd.Load(ref vectors, 3 * w);
            TVec s = TSimd.Create(broadcast);
            a00 = TSimd.MultiplyAdd(s, x0, a00);
            a01 = TSimd.MultiplyAdd(s, x1, a01);
            a02 = TSimd.MultiplyAdd(s, x2, a02);
            a03 = TSimd.MultiplyAdd(s, x3, a03);
            s = TSimd.Create(Unsafe.Add(ref broadcast, 1));
            a10 = TSimd.MultiplyAdd(s, x0, a10);
            a11 = TSimd.MultiplyAdd(s, x1, a11);
            a12 = TSimd.MultiplyAdd(s, x2, a12);
            a13 = TSimd.MultiplyAdd(s, x3, a13);
            s = TSimd.Create(Unsafe.Add(ref broadcast, 2));
            a20 = TSimd.MultiplyAdd(s, x0, a20);
            a21 = TSimd.MultiplyAdd(s, x1, a21);
            a22 = TSimd.MultiplyAdd(s, x2, a22);
            a23 = TSimd.MultiplyAdd(s, x3, a23);
            s = TSimd.Create(Unsafe.Add(ref broadcast, 3));
            a30 = TSimd.MultiplyAdd(s, x0, a30);
            a31 = TSimd.MultiplyAdd(s, x1, a31);
            a32 = TSimd.MultiplyAdd(s, x2, a32);
            a33 = TSimd.MultiplyAdd(s, x3, a33);
            broadcast = ref Unsafe.Add(ref broadcast, panelStride);
            vectors = ref Unsafe.Add(ref vectors, panelStride);
        }

        StoreRow<TSimd, TVec>(ref target, accumulate, a00, a01, a02, a03, 4);
        if (rows > 1)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, gramStride), accumulate, a10, a11, a12, a13, 4);
        }

        if (rows > 2)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, 2 * gramStride), accumulate, a20, a21, a22, a23, 4);
        }

        if (rows > 3)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, 3 * gramStride), accumulate, a30, a31, a32, a33, 4);
        }
    }

    private static void Tile2<TSimd, TVec>(ref float broadcast, ref float vectors, int panelStride, int count, ref float target, int gramStride, int rows, bool accumulate)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;
        TVec a00 = TSimd.Zero, a01 = TSimd.Zero, a10 = TSimd.Zero, a11 = TSimd.Zero;
        TVec a20 = TSimd.Zero, a21 = TSimd.Zero, a30 = TSimd.Zero, a31 = TSimd.Zero;
        for (int j = 0; j < count; j++)
        {
            TVec x0 = TSimd.Load(ref vectors, 0), x1 = TSimd.Load(ref vectors, w);
            TVec s = TSimd.Create(broadcast);
            a00 = TSimd.MultiplyAdd(s, x0, a00);
            a01 = TSimd.MultiplyAdd(s, x1, a01);
            s = TSimd.Create(Unsafe.Add(ref broadcast, 1));
            a10 = TSimd.MultiplyAdd(s, x0, a10);
            a11 = TSimd.MultiplyAdd(s, x1, a11);
            s = TSimd.Create(Unsafe.Add(ref broadcast, 2));
            a20 = TSimd.MultiplyAdd(s, x0, a20);
            a21 = TSimd.MultiplyAdd(s, x1, a21);
            s = TSimd.Create(Unsafe.Add(ref broadcast, 3));
            a30 = TSimd.MultiplyAdd(s, x0, a30);
            a31 = TSimd.MultiplyAdd(s, x1, a31);
            broadcast = ref Unsafe.Add(ref broadcast, panelStride);
            vectors = ref Unsafe.Add(ref vectors, panelStride);
        }

        TVec zero = TSimd.Zero;
        StoreRow<TSimd, TVec>(ref target, accumulate, a00, a01, zero, zero, 2);
        if (rows > 1)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, gramStride), accumulate, a10, a11, zero, zero, 2);
        }

        if (rows > 2)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, 2 * gramStride), accumulate, a20, a21, zero, zero, 2);
        }

        if (rows > 3)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, 3 * gramStride), accumulate, a30, a31, zero, zero, 2);
        }
    }

    private static void Tile1<TSimd, TVec>(ref float broadcast, ref float vectors, int panelStride, int count, ref float target, int gramStride, int rows, bool accumulate)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        TVec a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
        for (int j = 0; j < count; j++)
        {
            TVec x = TSimd.Load(ref vectors, 0);
            a0 = TSimd.MultiplyAdd(TSimd.Create(broadcast), x, a0);
            a1 = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref broadcast, 1)), x, a1);
            a2 = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref broadcast, 2)), x, a2);
            a3 = TSimd.MultiplyAdd(TSimd.Create(Unsafe.Add(ref broadcast, 3)), x, a3);
            broadcast = ref Unsafe.Add(ref broadcast, panelStride);
            vectors = ref Unsafe.Add(ref vectors, panelStride);
        }

        TVec zero = TSimd.Zero;
        StoreRow<TSimd, TVec>(ref target, accumulate, a0, zero, zero, zero, 1);
        if (rows > 1)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, gramStride), accumulate, a1, zero, zero, zero, 1);
        }

        if (rows > 2)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, 2 * gramStride), accumulate, a2, zero, zero, zero, 1);
        }

        if (rows > 3)
        {
            StoreRow<TSimd, TVec>(ref Unsafe.Add(ref target, 3 * gramStride), accumulate, a3, zero, zero, zero, 1);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TSimd, TVec>(ref float target, bool accumulate, TVec v0, TVec v1, TVec v2, TVec v3, int vectors)
        where TSimd : struct, ISimd<TVec>
        where TVec : struct
    {
        nuint w = (nuint)TSimd.Count;
        if (accumulate)
        {
            v0 = TSimd.Add(TSimd.Load(ref target, 0), v0);
            if (vectors > 1)
            {
                v1 = TSimd.Add(TSimd.Load(ref target, w), v1);
            }

            if (vectors > 2)
            {
                v2 = TSimd.Add(TSimd.Load(ref target, 2 * w), v2);
                v3 = TSimd.Add(TSimd.Load(ref target, 3 * w), v3);
            }
        }

        TSimd.Store(v0, ref target, 0);
        if (vectors > 1)
        {
            TSimd.Store(v1, ref target, w);
        }

        if (vectors > 2)
        {
            TSimd.Store(v2, ref target, 2 * w);
            TSimd.Store(v3, ref target, 3 * w);
        }
    }
}
