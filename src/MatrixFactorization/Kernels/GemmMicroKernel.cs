using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// The innermost loop of <see cref="DoubleGemm"/>: one tile of Rows × Columns products summed over
/// a depth of kc, from an A panel packed as kc groups of Rows values and a B panel packed as kc
/// groups of Columns values. The tile stays in registers for the whole depth (12 vector
/// accumulators, so the fused multiply-adds of one step never wait for each other) and is stored
/// once at the end.
/// </summary>
internal static class GemmMicroKernel
{
    /// <summary>The tile shape of a kernel path: 12 accumulators of two vectors per row where there are vectors.</summary>
    public static (int Rows, int Columns) Shape(KernelPath path) => path switch
    {
        KernelPath.Vector512 => (6, 16),
        KernelPath.Vector256 => (6, 8),
        _ => (4, 4),
    };

    /// <summary>Computes a tile into <paramref name="tile"/> (row-major, <see cref="Shape"/>'s Columns per row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run(KernelPath path, int depth, ref double a, ref double b, ref double tile)
    {
        switch (path)
        {
            case KernelPath.Vector512:
                Tile512(depth, ref a, ref b, ref tile);
                break;
            case KernelPath.Vector256:
                Tile256(depth, ref a, ref b, ref tile);
                break;
            default:
                // 128-bit vectors hold two doubles: too few to beat the scalar loop by much.
                TileScalar(depth, ref a, ref b, ref tile);
                break;
        }
    }

    // SAFETY (all three): the caller packs depth × Rows values at a and depth × Columns values at b,
    // and tile holds Rows × Columns values.
    private static void Tile512(int depth, ref double a, ref double b, ref double tile)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int t = 0; t < depth; t++)
        {
            Vector512<double> b0 = Vector512.LoadUnsafe(ref b);
            Vector512<double> b1 = Vector512.LoadUnsafe(ref b, 8);
            Vector512<double> x = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 16);
        }

        c00.StoreUnsafe(ref tile, 0);
        c01.StoreUnsafe(ref tile, 8);
        c10.StoreUnsafe(ref tile, 16);
        c11.StoreUnsafe(ref tile, 24);
        c20.StoreUnsafe(ref tile, 32);
        c21.StoreUnsafe(ref tile, 40);
        c30.StoreUnsafe(ref tile, 48);
        c31.StoreUnsafe(ref tile, 56);
        c40.StoreUnsafe(ref tile, 64);
        c41.StoreUnsafe(ref tile, 72);
        c50.StoreUnsafe(ref tile, 80);
        c51.StoreUnsafe(ref tile, 88);
    }

    private static void Tile256(int depth, ref double a, ref double b, ref double tile)
    {
        Vector256<double> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<double> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int t = 0; t < depth; t++)
        {
            Vector256<double> b0 = Vector256.LoadUnsafe(ref b);
            Vector256<double> b1 = Vector256.LoadUnsafe(ref b, 4);
            Vector256<double> x = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, 6);
            b = ref Unsafe.Add(ref b, 8);
        }

        c00.StoreUnsafe(ref tile, 0);
        c01.StoreUnsafe(ref tile, 4);
        c10.StoreUnsafe(ref tile, 8);
        c11.StoreUnsafe(ref tile, 12);
        c20.StoreUnsafe(ref tile, 16);
        c21.StoreUnsafe(ref tile, 20);
        c30.StoreUnsafe(ref tile, 24);
        c31.StoreUnsafe(ref tile, 28);
        c40.StoreUnsafe(ref tile, 32);
        c41.StoreUnsafe(ref tile, 36);
        c50.StoreUnsafe(ref tile, 40);
        c51.StoreUnsafe(ref tile, 44);
    }

    private static void TileScalar(int depth, ref double a, ref double b, ref double tile)
    {
        for (int k = 0; k < 16; k++)
        {
            Unsafe.Add(ref tile, k) = 0;
        }

        for (int t = 0; t < depth; t++)
        {
            for (int r = 0; r < 4; r++)
            {
                double x = Unsafe.Add(ref a, r);
                for (int c = 0; c < 4; c++)
                {
                    Unsafe.Add(ref tile, (r * 4) + c) = Math.FusedMultiplyAdd(x, Unsafe.Add(ref b, c), Unsafe.Add(ref tile, (r * 4) + c));
                }
            }

            a = ref Unsafe.Add(ref a, 4);
            b = ref Unsafe.Add(ref b, 4);
        }
    }
}
