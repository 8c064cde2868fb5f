using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// In-place Cholesky factorization A = UᵀU of a small dense symmetric matrix stored by its upper
/// triangle (row-major, so row j of U is column j of L = Uᵀ), and the solve with it, allocating
/// nothing. Right-looking and blocked: once <see cref="Block"/> rows of U are known, every later
/// row i is updated by all of them at once, A[i, i..n) −= Σ_t U[t, i]·U[t, i..n), a vector
/// multiply-add along contiguous rows with one load and store of A per <see cref="Block"/>
/// multiply-adds (a left-looking factorization instead takes n²/2 short dot products).
/// </summary>
/// <remarks>
/// Rows are padded to a multiple of 8 doubles (<see cref="Stride"/>) and every row operation runs
/// in whole vectors on that grid, the first one keeping its lanes left of the start: with the
/// matrix 64-byte aligned, no load splits a cache line, and a load of what the step before stored
/// is the same vector, which the store buffer forwards (a load straddling two earlier stores waits
/// for them to reach the cache, the main cost of unaligned row operations). Lanes past n are never
/// read as results; the lower triangle keeps its values.
/// </remarks>
internal static class UpperCholesky
{
    /// <summary>Rows of U applied together to the trailing rows.</summary>
    internal const int Block = 8;

    /// <summary>A row stride for an n×n matrix that every path's whole vectors fit: n rounded up to 8, plus 8.</summary>
    public static int Stride(int n) => ((n + 7) / 8 * 8) + 8;

    /// <summary>Overwrites the upper triangle of <paramref name="a"/> with U.</summary>
    /// <returns>Whether the matrix was positive definite (false for NaN too).</returns>
    public static bool Factor(KernelPath path, Span<double> a, int n, int stride)
    {
        Debug.Assert(stride >= Stride(n) && stride % 8 == 0 && a.Length >= n * stride);
        ref double first = ref MemoryMarshal.GetReference(a);
        return path switch
        {
            KernelPath.Vector512 => Factor<DoubleLanes512, Vector512<double>>(ref first, n, stride),
            KernelPath.Vector256 => Factor<DoubleLanes256, Vector256<double>>(ref first, n, stride),
            KernelPath.Vector128 => Factor<DoubleLanes128, Vector128<double>>(ref first, n, stride),
            _ => Factor<DoubleLanes1, double>(ref first, n, stride),
        };
    }

    /// <summary>Solves UᵀU x = b in place, with U from <see cref="Factor"/>; <paramref name="b"/> holds at least <see cref="Stride"/>(n) values (those past n are scratch).</summary>
    public static void Solve(KernelPath path, ReadOnlySpan<double> u, int n, int stride, Span<double> b)
    {
        Debug.Assert(u.Length >= n * stride && stride % 8 == 0 && b.Length >= Stride(n));
        ref double first = ref MemoryMarshal.GetReference(u);
        ref double rhs = ref MemoryMarshal.GetReference(b);
        switch (path)
        {
            case KernelPath.Vector512:
                Solve<DoubleLanes512, Vector512<double>>(ref first, n, stride, ref rhs);
                break;
            case KernelPath.Vector256:
                Solve<DoubleLanes256, Vector256<double>>(ref first, n, stride, ref rhs);
                break;
            case KernelPath.Vector128:
                Solve<DoubleLanes128, Vector128<double>>(ref first, n, stride, ref rhs);
                break;
            default:
                Solve<DoubleLanes1, double>(ref first, n, stride, ref rhs);
                break;
        }
    }

    // SAFETY (all below): rows hold `stride` doubles, a multiple of 8 at least n + 8, so a vector on
    // the 8-double grid starting below n stays inside its row.
    private static bool Factor<TLanes, TVec>(ref double a, int n, int stride)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        for (int jb = 0; jb < n; jb += Block)
        {
            int end = Math.Min(jb + Block, n);
            for (int j = jb; j < end; j++)
            {
                ref double rowJ = ref Unsafe.Add(ref a, j * stride);
                double diagonal = Unsafe.Add(ref rowJ, j);
                if (!(diagonal > 0))
                {
                    return false;
                }

                double pivot = Math.Sqrt(diagonal);
                Unsafe.Add(ref rowJ, j) = pivot;
                // One division, then multiplications: a vector division costs about ten of them.
                TVec inverse = TLanes.Create(1 / pivot);
                int c0 = (j + 1) & -TLanes.Count;
                TVec head = TLanes.Load(ref rowJ, (nuint)c0);
                TLanes.Store(TLanes.Select(head, TLanes.Multiply(head, inverse), j + 1 - c0), ref rowJ, (nuint)c0);
                for (int c = c0 + TLanes.Count; c < n; c += TLanes.Count)
                {
                    TLanes.Store(TLanes.Multiply(TLanes.Load(ref rowJ, (nuint)c), inverse), ref rowJ, (nuint)c);
                }

                // The rest of the block needs row j before its own pivots.
                for (int i = j + 1; i < end; i++)
                {
                    ref double rowI = ref Unsafe.Add(ref a, i * stride);
                    TVec scale = TLanes.Create(-Unsafe.Add(ref rowJ, i));
                    int i0 = i & -TLanes.Count;
                    TVec first = TLanes.Load(ref rowI, (nuint)i0);
                    TLanes.Store(TLanes.Select(first, TLanes.MultiplyAdd(scale, TLanes.Load(ref rowJ, (nuint)i0), first), i - i0), ref rowI, (nuint)i0);
                    for (int c = i0 + TLanes.Count; c < n; c += TLanes.Count)
                    {
                        TLanes.Store(TLanes.MultiplyAdd(scale, TLanes.Load(ref rowJ, (nuint)c), TLanes.Load(ref rowI, (nuint)c)), ref rowI, (nuint)c);
                    }
                }
            }

            if (end - jb == Block)
            {
                UpdateTrailing8<TLanes, TVec>(ref a, n, stride, jb);
            }
            else
            {
                // The last, short block leaves no trailing rows.
                Debug.Assert(end == n);
            }
        }

        return true;
    }

    private static void UpdateTrailing8<TLanes, TVec>(ref double a, int n, int stride, int jb)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        ref double u0 = ref Unsafe.Add(ref a, jb * stride);
        ref double u1 = ref Unsafe.Add(ref u0, stride);
        ref double u2 = ref Unsafe.Add(ref u1, stride);
        ref double u3 = ref Unsafe.Add(ref u2, stride);
        ref double u4 = ref Unsafe.Add(ref u3, stride);
        ref double u5 = ref Unsafe.Add(ref u4, stride);
        ref double u6 = ref Unsafe.Add(ref u5, stride);
        ref double u7 = ref Unsafe.Add(ref u6, stride);
        for (int i = jb + Block; i < n; i++)
        {
            ref double rowI = ref Unsafe.Add(ref a, i * stride);
            TVec s0 = TLanes.Create(-Unsafe.Add(ref u0, i));
            TVec s1 = TLanes.Create(-Unsafe.Add(ref u1, i));
            TVec s2 = TLanes.Create(-Unsafe.Add(ref u2, i));
            TVec s3 = TLanes.Create(-Unsafe.Add(ref u3, i));
            TVec s4 = TLanes.Create(-Unsafe.Add(ref u4, i));
            TVec s5 = TLanes.Create(-Unsafe.Add(ref u5, i));
            TVec s6 = TLanes.Create(-Unsafe.Add(ref u6, i));
            TVec s7 = TLanes.Create(-Unsafe.Add(ref u7, i));
            int c0 = i & -TLanes.Count;
            for (int c = c0; c < n; c += TLanes.Count)
            {
                // Two chains of four, joined at the end; the first vector keeps its lanes left of i.
                nuint o = (nuint)c;
                TVec old = TLanes.Load(ref rowI, o);
                TVec x = old;
                TVec y = TLanes.Multiply(s4, TLanes.Load(ref u4, o));
                x = TLanes.MultiplyAdd(s0, TLanes.Load(ref u0, o), x);
                y = TLanes.MultiplyAdd(s5, TLanes.Load(ref u5, o), y);
                x = TLanes.MultiplyAdd(s1, TLanes.Load(ref u1, o), x);
                y = TLanes.MultiplyAdd(s6, TLanes.Load(ref u6, o), y);
                x = TLanes.MultiplyAdd(s2, TLanes.Load(ref u2, o), x);
                y = TLanes.MultiplyAdd(s7, TLanes.Load(ref u7, o), y);
                x = TLanes.MultiplyAdd(s3, TLanes.Load(ref u3, o), x);
                TLanes.Store(c == c0 ? TLanes.Select(old, TLanes.Add(x, y), i - c0) : TLanes.Add(x, y), ref rowI, o);
            }
        }
    }

    private static void Solve<TLanes, TVec>(ref double u, int n, int stride, ref double b)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        // Forward, Uᵀ z = b: once z_j is known, it leaves the later equations.
        for (int j = 0; j < n; j++)
        {
            ref double rowJ = ref Unsafe.Add(ref u, j * stride);
            double z = Unsafe.Add(ref b, j) / Unsafe.Add(ref rowJ, j);
            Unsafe.Add(ref b, j) = z;
            TVec scale = TLanes.Create(-z);
            int c0 = (j + 1) & -TLanes.Count;
            TVec head = TLanes.Load(ref b, (nuint)c0);
            TLanes.Store(TLanes.Select(head, TLanes.MultiplyAdd(scale, TLanes.Load(ref rowJ, (nuint)c0), head), j + 1 - c0), ref b, (nuint)c0);
            for (int c = c0 + TLanes.Count; c < n; c += TLanes.Count)
            {
                TLanes.Store(TLanes.MultiplyAdd(scale, TLanes.Load(ref rowJ, (nuint)c), TLanes.Load(ref b, (nuint)c)), ref b, (nuint)c);
            }
        }

        // Back, U x = z: a dot product along each row, whole vectors then single lanes, so lanes past n are not read.
        for (int i = n - 1; i >= 0; i--)
        {
            ref double rowI = ref Unsafe.Add(ref u, i * stride);
            TVec sum = TLanes.Zero;
            int c = i + 1;
            for (; c + TLanes.Count <= n; c += TLanes.Count)
            {
                sum = TLanes.MultiplyAdd(TLanes.Load(ref rowI, (nuint)c), TLanes.Load(ref b, (nuint)c), sum);
            }

            double dot = TLanes.Sum(sum);
            for (; c < n; c++)
            {
                dot += Unsafe.Add(ref rowI, c) * Unsafe.Add(ref b, c);
            }

            Unsafe.Add(ref b, i) = (Unsafe.Add(ref b, i) - dot) / Unsafe.Add(ref rowI, i);
        }
    }
}
