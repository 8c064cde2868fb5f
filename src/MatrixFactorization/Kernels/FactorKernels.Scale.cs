using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

public static partial class FactorKernels
{
    /// <summary>Multiplies every element by a constant: x ← a·x.</summary>
    /// <param name="x">The vector scaled in place.</param>
    /// <param name="a">The factor.</param>
    internal static void Scale(Span<float> x, float a) => Scale(KernelDispatch.Active, x, a);

    internal static void Scale(KernelPath path, Span<float> x, float a)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        switch (KernelDispatch.ForLength(path, x.Length))
        {
            case KernelPath.Vector512:
                ScaleKernel.Vector<Simd512, Vector512<float>>(ref xs, x.Length, a);
                break;
            case KernelPath.Vector256:
                ScaleKernel.Vector<Simd256, Vector256<float>>(ref xs, x.Length, a);
                break;
            case KernelPath.Vector128:
                ScaleKernel.Vector<Simd128, Vector128<float>>(ref xs, x.Length, a);
                break;
            default:
                ScaleKernel.Scalar(ref xs, x.Length, a);
                break;
        }
    }
}
