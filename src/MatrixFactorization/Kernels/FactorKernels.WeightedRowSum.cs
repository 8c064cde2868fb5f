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

    internal static void AddWeightedRowsPadded(KernelPath path, ref float matrix, int stride, ReadOnlySpan<int> rows, ReadOnlySpan<float> weights, ref float result)
    {
        Debug.Assert(stride % FactorMatrix.RowAlignment == 0);
        Debug.Assert(weights.Length == rows.Length);
        ref int rowsStart = ref MemoryMarshal.GetReference(rows);
        ref float weightsStart = ref MemoryMarshal.GetReference(weights);
        switch (path)
        {
            case KernelPath.Vector512:
                WeightedRowSumKernel.Vector<Simd512, Vector512<float>>(ref matrix, stride, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
            case KernelPath.Vector256:
                WeightedRowSumKernel.Vector<Simd256, Vector256<float>>(ref matrix, stride, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
            case KernelPath.Vector128:
                WeightedRowSumKernel.Vector<Simd128, Vector128<float>>(ref matrix, stride, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
            default:
                WeightedRowSumKernel.Scalar(ref matrix, stride, ref rowsStart, ref weightsStart, rows.Length, ref result);
                break;
        }
    }
}
