using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// dots[j] = (row rows[j] of a padded matrix) · v for every j, for least-squares solvers that
    /// project a vector on many gathered rows (Y_u v over a user's items): no checks and no remainder
    /// handling. The caller guarantees every index in <paramref name="rows"/> is a row of the matrix
    /// starting at <paramref name="matrix"/>, <paramref name="dots"/> is as long as <paramref name="rows"/>,
    /// <paramref name="v"/> starts <paramref name="stride"/> readable floats with zero padding, and
    /// the stride is a multiple of <see cref="FactorMatrix.RowAlignment"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void DotRowsPadded(ref float matrix, int stride, ReadOnlySpan<int> rows, ref float v, Span<float> dots) =>
        DotRowsPadded(KernelDispatch.Active, ref matrix, stride, rows, ref v, dots);

    internal static void DotRowsPadded(KernelPath path, ref float matrix, int stride, ReadOnlySpan<int> rows, ref float v, Span<float> dots)
    {
        Debug.Assert(stride % FactorMatrix.RowAlignment == 0);
        Debug.Assert(dots.Length == rows.Length);
        ref int rowsStart = ref MemoryMarshal.GetReference(rows);
        ref float dotsStart = ref MemoryMarshal.GetReference(dots);
        switch (path)
        {
            case KernelPath.Vector512:
                DotRowsKernel.Vector<Simd512, Vector512<float>>(ref matrix, stride, ref rowsStart, rows.Length, ref v, ref dotsStart);
                break;
            case KernelPath.Vector256:
                DotRowsKernel.Vector<Simd256, Vector256<float>>(ref matrix, stride, ref rowsStart, rows.Length, ref v, ref dotsStart);
                break;
            case KernelPath.Vector128:
                DotRowsKernel.Vector<Simd128, Vector128<float>>(ref matrix, stride, ref rowsStart, rows.Length, ref v, ref dotsStart);
                break;
            default:
                DotRowsKernel.Scalar(ref matrix, stride, ref rowsStart, rows.Length, ref v, ref dotsStart);
                break;
        }
    }
}
