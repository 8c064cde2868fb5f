using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>Adds a multiple of one vector to another: y ← y + a·x.</summary>
    /// <param name="a">The multiplier.</param>
    /// <param name="x">The vector added; may be the same memory as <paramref name="y"/> (then y ← (1 + a)·y, computed as y + a·y).</param>
    /// <param name="y">The vector updated in place, the same length as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    internal static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y) => Axpy(KernelDispatch.Active, a, x, y);

    internal static void Axpy(KernelPath path, float a, ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != y.Length)
        {
            ThrowHelper.LengthMismatch(nameof(y));
        }

        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        switch (KernelDispatch.ForLength(path, x.Length))
        {
            case KernelPath.Vector512:
                AxpyKernel.Vector<Simd512, Vector512<float>>(a, ref xs, ref ys, x.Length);
                break;
            case KernelPath.Vector256:
                AxpyKernel.Vector<Simd256, Vector256<float>>(a, ref xs, ref ys, x.Length);
                break;
            case KernelPath.Vector128:
                AxpyKernel.Vector<Simd128, Vector128<float>>(a, ref xs, ref ys, x.Length);
                break;
            default:
                AxpyKernel.Scalar(a, ref xs, ref ys, x.Length);
                break;
        }
    }

    /// <summary>
    /// y ← y + a·x on padded rows, for the training loop: no length checks and no remainder handling.
    /// The caller guarantees both references start <paramref name="paddedLength"/> floats it may read
    /// (and write, for y), and <paramref name="paddedLength"/> is a multiple of
    /// <see cref="FactorMatrix.RowAlignment"/>. Zero padding in x keeps y's padding unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AxpyPadded(float a, ref float x, ref float y, int paddedLength) =>
        AxpyPadded(KernelDispatch.Active, a, ref x, ref y, paddedLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AxpyPadded(KernelPath path, float a, ref float x, ref float y, int paddedLength)
    {
        Debug.Assert(paddedLength % FactorMatrix.RowAlignment == 0);

        // A multiple of 16 floats is a whole number of vectors at every width.
        switch (path)
        {
            case KernelPath.Vector512:
                AxpyKernel.Whole<Simd512, Vector512<float>>(a, ref x, ref y, (nuint)paddedLength);
                break;
            case KernelPath.Vector256:
                AxpyKernel.Whole<Simd256, Vector256<float>>(a, ref x, ref y, (nuint)paddedLength);
                break;
            case KernelPath.Vector128:
                AxpyKernel.Whole<Simd128, Vector128<float>>(a, ref x, ref y, (nuint)paddedLength);
                break;
            default:
                AxpyKernel.Scalar(a, ref x, ref y, paddedLength);
                break;
        }
    }
}
