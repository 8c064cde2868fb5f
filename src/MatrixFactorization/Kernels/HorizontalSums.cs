using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MatrixFactorization.Kernels;

/// <summary>Reduces four vectors to their four sums at once, cheaper than four separate reductions.</summary>
internal static class HorizontalSums
{
    /// <summary>Returns [Σa, Σb, Σc, Σd].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Of(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d)
    {
        // Pairwise adds of two sources: [a0+a1, a2+a3, b0+b1, b2+b3]; two levels give the four sums.
        if (Sse3.IsSupported)
        {
            return Sse3.HorizontalAdd(Sse3.HorizontalAdd(a, b), Sse3.HorizontalAdd(c, d));
        }

        if (AdvSimd.Arm64.IsSupported)
        {
            return AdvSimd.Arm64.AddPairwise(AdvSimd.Arm64.AddPairwise(a, b), AdvSimd.Arm64.AddPairwise(c, d));
        }

        return Vector128.Create(Vector128.Sum(a), Vector128.Sum(b), Vector128.Sum(c), Vector128.Sum(d));
    }
}
