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
/// Rows are padded to a multiple of 16 floats (<see cref="Stride"/>) and every row operation runs
/// in whole vectors on that grid, the first one keeping its lanes left of the start: with the
/// matrix 64-byte aligned, no load splits a cache line, and a load of what the step before stored
/// is the same vector, which the store buffer forwards (a load straddling two earlier stores waits
/// for them to reach the cache, the main cost of unaligned row operations). Lanes past n are never
/// read as results; the lower triangle keeps its values. Each row's last float, which no row
/// operation reaches, receives the reciprocal of the row's pivot, so the solve multiplies instead
/// of dividing.
/// <para>
/// Single precision suits a well-conditioned system only. Cholesky is backward stable: the
/// computed U is the exact factor of A + E with ‖E‖₂ ≤ c·n·ε‖A‖₂ (ε = 2⁻²⁴), so the solution's
/// relative error is at most about c·n·ε·κ(A) (Higham, Accuracy and Stability of Numerical
/// Algorithms, §10.1). The callers' systems are Gram matrices with a penalty α on the diagonal,
/// whose condition number stays below 1 + λ_max(Gram)/α, and whose Gram part is itself summed in
/// single precision, with a backward error of the same order as the factorization's.
/// </para>
/// </remarks>
internal static class FloatUpperCholesky
{
    /// <summary>Rows of U applied together to the trailing rows.</summary>
    internal const int Block = 8;

    /// <summary>A row stride for an n×n matrix that every path's whole vectors fit: n rounded up to 16, plus 16.</summary>
    public static int Stride(int n) => ((n + 15) / 16 * 16) + 16;

    /// <summary>Overwrites the upper triangle of <paramref name="a"/> with U.</summary>
    /// <returns>Whether the matrix was positive definite (false for NaN too).</returns>
    public static bool Factor(KernelPath path, Span<float> a, int n, int stride)
    {
        Debug.Assert(stride >= Stride(n) && stride % 16 == 0 && a.Length >= n * stride);
        ref float first = ref MemoryMarshal.GetReference(a);
        return path switch
        {
            // 256-bit vectors on the 512-bit path too: at k ≤ 64 a row is at most four 16-float
            // vectors, too short for the wider ones to pay (measured a fifth slower at k = 32 and 64, no
            // faster at 128).
            KernelPath.Vector512 or KernelPath.Vector256 => Factor<FloatLanes256, Vector256<float>>(ref first, n, stride),
            KernelPath.Vector128 => Factor<FloatLanes128, Vector128<float>>(ref first, n, stride),
            _ => Factor<FloatLanes1, float>(ref first, n, stride),
        };
    }

    /// <summary>Solves UᵀU x = b in place, with U from <see cref="Factor"/>; <paramref name="b"/> holds at least <see cref="Stride"/>(n) values (those past n are scratch).</summary>
    public static void Solve(KernelPath path, ReadOnlySpan<float> u, int n, int stride, Span<float> b)
    {
        Debug.Assert(u.Length >= n * stride && stride % 16 == 0 && b.Length >= Stride(n));
        ref float first = ref MemoryMarshal.GetReference(u);
        ref float rhs = ref MemoryMarshal.GetReference(b);
        switch (path)
        {
            case KernelPath.Vector512:
            case KernelPath.Vector256:
                Solve<FloatLanes256, Vector256<float>>(ref first, n, stride, ref rhs);
                break;
            case KernelPath.Vector128:
                Solve<FloatLanes128, Vector128<float>>(ref first, n, stride, ref rhs);
                break;
            default:
                Solve<FloatLanes1, float>(ref first, n, stride, ref rhs);
                break;
        }
    }

    // SAFETY (all below): rows hold `stride` floats, a multiple of 16 at least n + 16, so a vector
    // on the 16-float grid starting below n stays inside its row, and no such vector reaches a
    // row's last float, which holds the reciprocal of the row's pivot (see InverseLane).
    private static bool Factor<TLanes, TVec>(ref float a, int n, int stride)
        where TLanes : struct, IFloatLanes<TVec>
        where TVec : struct
    {
        for (int jb = 0; jb < n; jb += Block)
        {
            int end = Math.Min(jb + Block, n);

            // Left-looking inside the block: row j takes the updates of the block's earlier rows
            // and its scaling in one pass, one load and store per vector (a right-looking step
            // per earlier row would load and store the row once for each of them).
            for (int j = jb; j < end; j++)
            {
                ref float rowJ = ref Unsafe.Add(ref a, j * stride);
                float diagonal = Unsafe.Add(ref rowJ, j);
                for (int t = jb; t < j; t++)
                {
                    float above = Unsafe.Add(ref a, (t * stride) + j);
                    diagonal = MathF.FusedMultiplyAdd(-above, above, diagonal);
                }

                if (!(diagonal > 0))
                {
                    return false;
                }

                // The square root and the division run side by side instead of one after the
                // other (1/√d = √d · (1/d)): the pivots are the factorization's critical path.
                // The row is then scaled by multiplications, a vector division costing about ten.
                float reciprocal = 1 / diagonal;
                float pivot = MathF.Sqrt(diagonal);
                float inverse = pivot * reciprocal;
                TVec scale = TLanes.Create(inverse);
                int c0 = (j + 1) & -TLanes.Count;
                for (int c = c0; c < n; c += TLanes.Count)
                {
                    nuint o = (nuint)c;
                    TVec old = TLanes.Load(ref rowJ, o);
                    TVec x = old;
                    for (int t = jb; t < j; t++)
                    {
                        ref float rowT = ref Unsafe.Add(ref a, t * stride);
                        x = TLanes.MultiplyAdd(TLanes.Create(-Unsafe.Add(ref rowT, j)), TLanes.Load(ref rowT, o), x);
                    }

                    x = TLanes.Multiply(x, scale);
                    TLanes.Store(c == c0 ? TLanes.Select(old, x, j + 1 - c0) : x, ref rowJ, o);
                }

                Unsafe.Add(ref rowJ, j) = pivot;
                Unsafe.Add(ref rowJ, InverseLane(stride)) = inverse;
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

    /// <summary>The lane of a row, its last, that holds the reciprocal of its pivot for the solve: no row operation reaches it.</summary>
    private static int InverseLane(int stride) => stride - 1;

    private static void UpdateTrailing8<TLanes, TVec>(ref float a, int n, int stride, int jb)
        where TLanes : struct, IFloatLanes<TVec>
        where TVec : struct
    {
        ref float u0 = ref Unsafe.Add(ref a, jb * stride);
        ref float u1 = ref Unsafe.Add(ref u0, stride);
        ref float u2 = ref Unsafe.Add(ref u1, stride);
        ref float u3 = ref Unsafe.Add(ref u2, stride);
        ref float u4 = ref Unsafe.Add(ref u3, stride);
        ref float u5 = ref Unsafe.Add(ref u4, stride);
        ref float u6 = ref Unsafe.Add(ref u5, stride);
        ref float u7 = ref Unsafe.Add(ref u6, stride);
        int i = jb + Block;

        // With 32 vector registers (those of AVX-512, at any width), two rows share each load of
        // the block's rows (16 multiply-adds per 8 loads instead of 8); with 16, the second row's
        // 8 multipliers would spill.
        if (TLanes.Count == 8 && Vector512.IsHardwareAccelerated)
        {
            for (; i + 1 < n; i += 2)
            {
                ref float rowI = ref Unsafe.Add(ref a, i * stride);
                ref float rowH = ref Unsafe.Add(ref rowI, stride);
                TVec s0 = TLanes.Create(-Unsafe.Add(ref u0, i)), r0 = TLanes.Create(-Unsafe.Add(ref u0, i + 1));
                TVec s1 = TLanes.Create(-Unsafe.Add(ref u1, i)), r1 = TLanes.Create(-Unsafe.Add(ref u1, i + 1));
                TVec s2 = TLanes.Create(-Unsafe.Add(ref u2, i)), r2 = TLanes.Create(-Unsafe.Add(ref u2, i + 1));
                TVec s3 = TLanes.Create(-Unsafe.Add(ref u3, i)), r3 = TLanes.Create(-Unsafe.Add(ref u3, i + 1));
                TVec s4 = TLanes.Create(-Unsafe.Add(ref u4, i)), r4 = TLanes.Create(-Unsafe.Add(ref u4, i + 1));
                TVec s5 = TLanes.Create(-Unsafe.Add(ref u5, i)), r5 = TLanes.Create(-Unsafe.Add(ref u5, i + 1));
                TVec s6 = TLanes.Create(-Unsafe.Add(ref u6, i)), r6 = TLanes.Create(-Unsafe.Add(ref u6, i + 1));
                TVec s7 = TLanes.Create(-Unsafe.Add(ref u7, i)), r7 = TLanes.Create(-Unsafe.Add(ref u7, i + 1));
                int c0 = i & -TLanes.Count;
                for (int c = c0; c < n; c += TLanes.Count)
                {
                    // The first vector keeps each row's lanes left of its diagonal (all of them for
                    // row i + 1 when it starts the next vector).
                    nuint o = (nuint)c;
                    TVec v0 = TLanes.Load(ref u0, o), v1 = TLanes.Load(ref u1, o), v2 = TLanes.Load(ref u2, o), v3 = TLanes.Load(ref u3, o);
                    TVec oldX = TLanes.Load(ref rowI, o);
                    TVec oldY = TLanes.Load(ref rowH, o);
                    TVec x = TLanes.MultiplyAdd(s0, v0, oldX);
                    TVec y = TLanes.MultiplyAdd(r0, v0, oldY);
                    x = TLanes.MultiplyAdd(s1, v1, x);
                    y = TLanes.MultiplyAdd(r1, v1, y);
                    x = TLanes.MultiplyAdd(s2, v2, x);
                    y = TLanes.MultiplyAdd(r2, v2, y);
                    x = TLanes.MultiplyAdd(s3, v3, x);
                    y = TLanes.MultiplyAdd(r3, v3, y);
                    TVec v4 = TLanes.Load(ref u4, o), v5 = TLanes.Load(ref u5, o), v6 = TLanes.Load(ref u6, o), v7 = TLanes.Load(ref u7, o);
                    x = TLanes.MultiplyAdd(s4, v4, x);
                    y = TLanes.MultiplyAdd(r4, v4, y);
                    x = TLanes.MultiplyAdd(s5, v5, x);
                    y = TLanes.MultiplyAdd(r5, v5, y);
                    x = TLanes.MultiplyAdd(s6, v6, x);
                    y = TLanes.MultiplyAdd(r6, v6, y);
                    x = TLanes.MultiplyAdd(s7, v7, x);
                    y = TLanes.MultiplyAdd(r7, v7, y);
                    TLanes.Store(c == c0 ? TLanes.Select(oldX, x, i - c0) : x, ref rowI, o);
                    TLanes.Store(c == c0 ? TLanes.Select(oldY, y, i + 1 - c0) : y, ref rowH, o);
                }
            }
        }

        for (; i < n; i++)
        {
            ref float rowI = ref Unsafe.Add(ref a, i * stride);
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

    private static void Solve<TLanes, TVec>(ref float u, int n, int stride, ref float b)
        where TLanes : struct, IFloatLanes<TVec>
        where TVec : struct
    {
        // Blocked like the factorization, so the dependent chain runs through scalars in registers
        // and the rest of the right-hand side is read and written once per block instead of once
        // per unknown; the pivots' reciprocals replace divisions.
        int inverseLane = InverseLane(stride);

        // Forward, Uᵀ z = b: a block's unknowns from its diagonal block, then they leave the later equations.
        for (int jb = 0; jb < n; jb += Block)
        {
            int end = Math.Min(jb + Block, n);
            for (int j = jb; j < end; j++)
            {
                ref float rowJ = ref Unsafe.Add(ref u, j * stride);
                float z = Unsafe.Add(ref b, j) * Unsafe.Add(ref rowJ, inverseLane);
                Unsafe.Add(ref b, j) = z;
                for (int i = j + 1; i < end; i++)
                {
                    Unsafe.Add(ref b, i) = MathF.FusedMultiplyAdd(-z, Unsafe.Add(ref rowJ, i), Unsafe.Add(ref b, i));
                }
            }

            if (end - jb == Block)
            {
                ForwardTrailing8<TLanes, TVec>(ref u, n, stride, jb, ref b);
            }
        }

        // Back, U x = z: the parts of a block's equations on the unknowns below the block, as
        // independent dot products, then the block's own triangle from its last row up.
        int lastBlock = (n - 1) / Block * Block;
        for (int jb = lastBlock; jb >= 0; jb -= Block)
        {
            int end = Math.Min(jb + Block, n);
            for (int i = jb; i < end && end < n; i++)
            {
                Unsafe.Add(ref b, i) -= Dot<TLanes, TVec>(ref Unsafe.Add(ref u, i * stride), ref b, end, n);
            }

            for (int i = end - 1; i >= jb; i--)
            {
                ref float rowI = ref Unsafe.Add(ref u, i * stride);
                float sum = Unsafe.Add(ref b, i);
                for (int c = i + 1; c < end; c++)
                {
                    sum = MathF.FusedMultiplyAdd(-Unsafe.Add(ref rowI, c), Unsafe.Add(ref b, c), sum);
                }

                Unsafe.Add(ref b, i) = sum * Unsafe.Add(ref rowI, inverseLane);
            }
        }
    }

    /// <summary>b[c] −= Σ_t z_t U[t, c] over the block's 8 rows t, for c from the block's end on.</summary>
    private static void ForwardTrailing8<TLanes, TVec>(ref float u, int n, int stride, int jb, ref float b)
        where TLanes : struct, IFloatLanes<TVec>
        where TVec : struct
    {
        ref float u0 = ref Unsafe.Add(ref u, jb * stride);
        ref float u1 = ref Unsafe.Add(ref u0, stride);
        ref float u2 = ref Unsafe.Add(ref u1, stride);
        ref float u3 = ref Unsafe.Add(ref u2, stride);
        ref float u4 = ref Unsafe.Add(ref u3, stride);
        ref float u5 = ref Unsafe.Add(ref u4, stride);
        ref float u6 = ref Unsafe.Add(ref u5, stride);
        ref float u7 = ref Unsafe.Add(ref u6, stride);
        ref float z = ref Unsafe.Add(ref b, jb);
        TVec z0 = TLanes.Create(-z), z1 = TLanes.Create(-Unsafe.Add(ref z, 1));
        TVec z2 = TLanes.Create(-Unsafe.Add(ref z, 2)), z3 = TLanes.Create(-Unsafe.Add(ref z, 3));
        TVec z4 = TLanes.Create(-Unsafe.Add(ref z, 4)), z5 = TLanes.Create(-Unsafe.Add(ref z, 5));
        TVec z6 = TLanes.Create(-Unsafe.Add(ref z, 6)), z7 = TLanes.Create(-Unsafe.Add(ref z, 7));

        // Whole vectors from the block's end, which is on the grid of every width used (at most
        // eight lanes, the block's height).
        int start = jb + Block;
        Debug.Assert(start % TLanes.Count == 0);
        for (int c = start; c < n; c += TLanes.Count)
        {
            nuint o = (nuint)c;
            TVec old = TLanes.Load(ref b, o);
            TVec x = TLanes.MultiplyAdd(z0, TLanes.Load(ref u0, o), old);
            TVec y = TLanes.Multiply(z4, TLanes.Load(ref u4, o));
            x = TLanes.MultiplyAdd(z1, TLanes.Load(ref u1, o), x);
            y = TLanes.MultiplyAdd(z5, TLanes.Load(ref u5, o), y);
            x = TLanes.MultiplyAdd(z2, TLanes.Load(ref u2, o), x);
            y = TLanes.MultiplyAdd(z6, TLanes.Load(ref u6, o), y);
            x = TLanes.MultiplyAdd(z3, TLanes.Load(ref u3, o), x);
            y = TLanes.MultiplyAdd(z7, TLanes.Load(ref u7, o), y);
            TLanes.Store(TLanes.Add(x, y), ref b, o);
        }
    }

    /// <summary>Σ row[c]·x[c] over c in [start, n), start on the 8-float grid; lanes outside [start, n) are not used (they may hold anything, NaN included).</summary>
    private static float Dot<TLanes, TVec>(ref float row, ref float x, int start, int n)
        where TLanes : struct, IFloatLanes<TVec>
        where TVec : struct
    {
        Debug.Assert(start % TLanes.Count == 0);
        TVec sum = TLanes.Zero;
        int c = start;
        for (; c + TLanes.Count <= n; c += TLanes.Count)
        {
            sum = TLanes.MultiplyAdd(TLanes.Load(ref row, (nuint)c), TLanes.Load(ref x, (nuint)c), sum);
        }

        if (c < n)
        {
            // The last, partial vector: the lanes past n take zeros from both sides, since one side
            // alone would leave 0 × NaN.
            TVec zero = TLanes.Zero;
            TVec left = TLanes.Select(TLanes.Load(ref row, (nuint)c), zero, n - c);
            TVec right = TLanes.Select(TLanes.Load(ref x, (nuint)c), zero, n - c);
            sum = TLanes.MultiplyAdd(left, right, sum);
        }

        return TLanes.Sum(sum);
    }
}
