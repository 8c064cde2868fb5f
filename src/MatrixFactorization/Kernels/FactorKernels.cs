namespace MatrixFactorization.Kernels;

/// <summary>
/// SIMD kernels for matrix-factorization training and scoring: dot products, fused SGD and AdaGrad
/// updates, Adam, and scoring one vector against every row of a <see cref="FactorMatrix"/>.
/// </summary>
/// <remarks>
/// <para>
/// The widest vector path the hardware accelerates is chosen once per process
/// (512, 256 or 128 bits, or scalar). Setting the environment variable <c>MF_KERNEL</c> to
/// <c>scalar</c>, <c>v128</c>, <c>v256</c> or <c>v512</c> before the first call forces a path; a forced
/// path the hardware lacks, or an unrecognized value, falls back to the best available one.
/// <see cref="ActivePath"/> reports the path in use.
/// </para>
/// <para>
/// All methods accept spans of any length. Vector paths finish a length that is not a multiple of
/// their width with one overlapping vector, and inputs shorter than a vector drop to the next
/// narrower path. Results may differ from the scalar path in the last bits, because vector paths
/// sum in a different order and use fused multiply-add; element-wise updates evaluate their
/// documented formula in the written order on every path, so NaN and infinity come out alike.
/// </para>
/// </remarks>
public static partial class FactorKernels
{
    /// <summary>The path every call in this process uses.</summary>
    public static KernelPath ActivePath => KernelDispatch.Active;
}
