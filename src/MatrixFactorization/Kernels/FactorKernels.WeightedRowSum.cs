using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>
    /// result ← result + Σ_j weights[j] · (row rows[j] of a padded matrix), for least-squares solvers
    /// that combine many gathered rows (Yᵀw over a user's items): no checks and no remainder handling.
    /// The caller guarantees every index in <paramref name="rows"/> is a row of the matrix starting at
    /// <paramref name="matrix"/>, <paramref name="weights"/> is as long as <paramref name="rows"/>,
    /// <paramref name="result"/> starts <paramref name="stride"/> writable floats, and the stride is a
    /// multiple of <see cref="FactorMatrix.RowAlignment"/>. Zero padding stays zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddWeightedRowsPadded(ref float matrix, int stride, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, ref float result) =>
        AddWeightedRowsPadded(KernelDispatch.Active, ref matrix, stride, rows, weights, ref result);

    internal static void AddWeightedRowsPadded(KernelPath path, ref float matrix, int stride, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, ref float result) =>
        AddWeightedRowsPrefix(path, ref matrix, stride, stride, rows, weights, ref result);

    /// <summary>
    /// <see cref="AddWeightedRowsPadded(ref float, int, ReadOnlySpan{int}, ReadOnlySpan{float}, ref float)"/>
    /// on the first <paramref name="length"/> floats of each row only, a multiple of
    /// <see cref="FactorMatrix.RowAlignment"/> no longer than the stride: row f of a symmetric sum
    /// Σ_j y_j y_jᵀ needs only its first f + 1 entries. Each entry is summed in the same order as by
    /// the whole-row kernel, so it is bit-identical to that kernel's.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddWeightedRowsPrefix(ref float matrix, int stride, int length, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, ref float result) =>
        AddWeightedRowsPrefix(KernelDispatch.Active, ref matrix, stride, length, rows, weights, ref result);

    internal static void AddWeightedRowsPrefix(KernelPath path, ref float matrix, int stride, int length, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, ref float result)
    {
        Debug.Assert(stride % FactorMatrix.RowAlignment == 0);
        Debug.Assert(length % FactorMatrix.RowAlignment == 0 && length <= stride);
        Debug.Assert(weights.Length == rows.Length);
        ref int rowsStart = ref MemoryMarshal.GetReference(rows);
        ref float weightsStart = ref MemoryMarshal.GetReference(weights);
        switch (path)
        {
            case KernelPath.Vector512:
                WeightedRowSumKernel.Vector<Simd512, Vector512<float>>(ref matrix, stride, length, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
            case KernelPath.Vector256:
                WeightedRowSumKernel.Vector<Simd256, Vector256<float>>(ref matrix, stride, length, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
            case KernelPath.Vector128:
                WeightedRowSumKernel.Vector<Simd128, Vector128<float>>(ref matrix, stride, length, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
            default:
                WeightedRowSumKernel.Scalar(ref matrix, stride, length, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
        }
    }
}
