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
}
