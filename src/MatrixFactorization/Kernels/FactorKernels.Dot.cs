using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>Returns the dot product Σ x[i]·y[i].</summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector, the same length as <paramref name="x"/>.</param>
    /// <returns>The dot product; 0 for empty inputs. NaN if any product is NaN or infinities of opposite sign meet.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    internal static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Dot(KernelDispatch.Active, x, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Dot(KernelPath path, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            ThrowHelper.LengthMismatch(nameof(y));
        }

        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        return KernelDispatch.ForLength(path, x.Length) switch
        {
            KernelPath.Vector512 => DotKernel.Vector<Simd512, Vector512<float>>(ref xs, ref ys, x.Length),
            KernelPath.Vector256 => DotKernel.Vector<Simd256, Vector256<float>>(ref xs, ref ys, x.Length),
            KernelPath.Vector128 => DotKernel.Vector<Simd128, Vector128<float>>(ref xs, ref ys, x.Length),
            _ => DotKernel.Scalar(ref xs, ref ys, x.Length),
        };
    }

    /// <summary>
    /// Dot product of two padded rows for the training loop: no length checks and no remainder handling.
    /// The caller guarantees both references start <paramref name="paddedLength"/> readable floats,
    /// <paramref name="paddedLength"/> is a multiple of <see cref="FactorMatrix.RowAlignment"/>, and the
    /// padding of both rows is zero, so it adds nothing to the sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float DotPadded(ref float x, ref float y, int paddedLength) =>
        DotPadded(KernelDispatch.Active, ref x, ref y, paddedLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float DotPadded(KernelPath path, ref float x, ref float y, int paddedLength)
    {
        Debug.Assert(paddedLength % FactorMatrix.RowAlignment == 0);

        // A multiple of 16 floats is a whole number of vectors at every width.
        return path switch
        {
            KernelPath.Vector512 => Simd512.Sum(DotKernel.Whole<Simd512, Vector512<float>>(ref x, ref y, (nuint)paddedLength)),
            KernelPath.Vector256 => Simd256.Sum(DotKernel.Whole<Simd256, Vector256<float>>(ref x, ref y, (nuint)paddedLength)),
            KernelPath.Vector128 => Simd128.Sum(DotKernel.Whole<Simd128, Vector128<float>>(ref x, ref y, (nuint)paddedLength)),
            _ => DotKernel.Scalar(ref x, ref y, paddedLength),
        };
    }
}
