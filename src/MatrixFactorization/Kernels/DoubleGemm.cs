using System.Diagnostics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// Dense double-precision matrix product C ← C + α·op(A)·op(B), op(X) being X or Xᵀ, for the
/// closed-form solvers (an item-item inverse is a few of these products of thousands of rows).
/// </summary>
/// <remarks>
/// <para>
/// The classic packed layout: the depth is cut into slices of <see cref="DepthBlock"/>; for each
/// slice, op(B) is copied into panels of <c>Shape.Columns</c> columns and op(A), per block of
/// <see cref="RowBlock"/> rows, into panels of <c>Shape.Rows</c> rows, so the micro-kernel reads
/// both operands contiguously whatever their transposition, an A block stays in the L2 cache and a
/// B panel in L1 while the kernel walks over them.
/// </para>
/// <para>
/// Parallel over blocks of C of <see cref="RowBlock"/> rows × <see cref="ColumnChunk"/> columns.
/// Each element of C is computed by one thread, summing the depth in the same order for any thread
/// count, so the result is bit-identical for every thread count.
/// </para>
/// </remarks>
internal static class DoubleGemm
{
    private const int DepthBlock = 256;
    private const int RowBlock = 96;
    private const int ColumnChunk = 1024;

    /// <summary>C ← C + α·op(A)·op(B).</summary>
    /// <param name="alpha">The multiplier of the product.</param>
    /// <param name="a">A, or Aᵀ when <paramref name="transposeA"/>.</param>
    /// <param name="transposeA">Use Aᵀ.</param>
    /// <param name="b">B, or Bᵀ when <paramref name="transposeB"/>.</param>
    /// <param name="transposeB">Use Bᵀ.</param>
    /// <param name="c">The block updated; it must not overlap A or B.</param>
    /// <param name="lowerOnly">
    /// Whether only the lower triangle of a square C is needed (a symmetric product): tiles wholly
    /// above the diagonal are skipped, others are computed whole, so some entries above it are
    /// updated too. The caller mirrors the lower triangle.
    /// </param>
    /// <param name="threads">Threads to use, at least 1.</param>
    /// <param name="cancellation">Checked between blocks of C; a cancelled product throws and leaves C partly updated.</param>
    public static void MultiplyAdd(
        double alpha, DoubleBlock a, bool transposeA, DoubleBlock b, bool transposeB, DoubleBlock c, bool lowerOnly, int threads, CancellationToken cancellation = default) =>
        MultiplyAdd(KernelDispatch.Active, alpha, a, transposeA, b, transposeB, c, lowerOnly, threads, cancellation);

    /// <summary>C ← C + α·op(A)·op(B) on a given kernel path, for tests of every path.</summary>
    internal static void MultiplyAdd(
        KernelPath path,
        double alpha,
        DoubleBlock a,
        bool transposeA,
        DoubleBlock b,
        bool transposeB,
        DoubleBlock c,
        bool lowerOnly,
        int threads,
        CancellationToken cancellation = default)
    {
        int m = c.Rows, n = c.Columns;
        int depth = transposeA ? a.Rows : a.Columns;
        Debug.Assert((transposeA ? a.Columns : a.Rows) == m);
        Debug.Assert((transposeB ? b.Rows : b.Columns) == n);
        Debug.Assert((transposeB ? b.Columns : b.Rows) == depth);
        Debug.Assert(!lowerOnly || m == n);
        if (m == 0 || n == 0 || depth == 0)
        {
            return;
        }

        (int mr, int nr) = GemmMicroKernel.Shape(path);
        int panels = (n + nr - 1) / nr;
        var packedB = GC.AllocateUninitializedArray<double>(Math.Min(depth, DepthBlock) * panels * nr);
        int rowBlocks = (m + RowBlock - 1) / RowBlock;
        int chunks = (n + ColumnChunk - 1) / ColumnChunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(threads, 1), CancellationToken = cancellation };
        for (int p0 = 0; p0 < depth; p0 += DepthBlock)
        {
            int kc = Math.Min(DepthBlock, depth - p0);
            PackB(b, transposeB, p0, kc, n, nr, packedB);
            Parallel.For(
                0,
                rowBlocks * chunks,
                options,
                () => new Buffers(RowBlock * kc, mr * nr),
                (item, _, buffers) =>
                {
                    int i0 = item / chunks * RowBlock;
                    int j0 = item % chunks * ColumnChunk;
                    int mc = Math.Min(RowBlock, m - i0);
                    int nc = Math.Min(ColumnChunk, n - j0);
                    if (!lowerOnly || j0 <= i0 + mc - 1)
                    {
                        PackA(a, transposeA, i0, mc, p0, kc, mr, buffers.A);
                        MultiplyBlock(path, alpha, c, i0, mc, j0, nc, kc, buffers, packedB, lowerOnly);
                    }

                    return buffers;
                },
                _ => { });
        }
    }

    private static void MultiplyBlock(
        KernelPath path, double alpha, DoubleBlock c, int i0, int mc, int j0, int nc, int kc, Buffers buffers, double[] packedB, bool lowerOnly)
    {
        (int mr, int nr) = GemmMicroKernel.Shape(path);
        Span<double> tile = buffers.Tile;
        for (int jp = j0; jp < j0 + nc; jp += nr)
        {
            // ColumnChunk is a multiple of every panel width, so no panel straddles two chunks.
            int columns = Math.Min(nr, c.Columns - jp);
            ref double panelB = ref packedB[jp / nr * kc * nr];
            for (int ip = 0; ip < mc; ip += mr)
            {
                int i = i0 + ip;
                int rows = Math.Min(mr, mc - ip);
                if (lowerOnly && jp > i + rows - 1)
                {
                    continue;
                }

                GemmMicroKernel.Run(path, kc, ref buffers.A[ip / mr * kc * mr], ref panelB, ref tile[0]);
                for (int r = 0; r < rows; r++)
                {
                    Span<double> target = c.Row(i + r).Slice(jp, columns);
                    ReadOnlySpan<double> products = tile.Slice(r * nr, columns);
                    for (int k = 0; k < target.Length; k++)
                    {
                        target[k] = Math.FusedMultiplyAdd(alpha, products[k], target[k]);
                    }
                }
            }
        }
    }

    /// <summary>Copies op(B)[p0 .. p0+kc, 0 .. n) into panels of nr columns, kc rows of nr each, zero beyond n.</summary>
    private static void PackB(DoubleBlock b, bool transpose, int p0, int kc, int n, int nr, double[] packed)
    {
        int panels = (n + nr - 1) / nr;
        Array.Clear(packed, (panels - 1) * kc * nr, kc * nr);
        if (!transpose)
        {
            for (int t = 0; t < kc; t++)
            {
                Span<double> row = b.Row(p0 + t);
                for (int q = 0; q < panels; q++)
                {
                    int width = Math.Min(nr, n - (q * nr));
                    row.Slice(q * nr, width).CopyTo(packed.AsSpan((q * kc * nr) + (t * nr), width));
                }
            }

            return;
        }

        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> row = b.Row(j).Slice(p0, kc);
            int q = j / nr, column = j - (q * nr);
            Span<double> panel = packed.AsSpan(q * kc * nr, kc * nr);
            for (int t = 0; t < kc; t++)
            {
                panel[(t * nr) + column] = row[t];
            }
        }
    }

    /// <summary>Copies op(A)[i0 .. i0+mc, p0 .. p0+kc) into panels of mr rows, kc columns of mr each, zero beyond mc.</summary>
    private static void PackA(DoubleBlock a, bool transpose, int i0, int mc, int p0, int kc, int mr, double[] packed)
    {
        int panels = (mc + mr - 1) / mr;
        Array.Clear(packed, (panels - 1) * kc * mr, kc * mr);
        if (transpose)
        {
            for (int t = 0; t < kc; t++)
            {
                ReadOnlySpan<double> row = a.Row(p0 + t).Slice(i0, mc);
                for (int s = 0; s < panels; s++)
                {
                    int height = Math.Min(mr, mc - (s * mr));
                    row.Slice(s * mr, height).CopyTo(packed.AsSpan((s * kc * mr) + (t * mr), height));
                }
            }

            return;
        }

        for (int i = 0; i < mc; i++)
        {
            ReadOnlySpan<double> row = a.Row(i0 + i).Slice(p0, kc);
            int s = i / mr, r = i - (s * mr);
            Span<double> panel = packed.AsSpan(s * kc * mr, kc * mr);
            for (int t = 0; t < kc; t++)
            {
                panel[(t * mr) + r] = row[t];
            }
        }
    }

    /// <summary>One thread's packed A block and output tile.</summary>
    private sealed class Buffers(int packedA, int tile)
    {
        public double[] A { get; } = GC.AllocateUninitializedArray<double>(packedA);

        public double[] Tile { get; } = new double[tile];
    }
}
