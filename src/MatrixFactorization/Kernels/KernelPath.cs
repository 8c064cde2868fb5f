namespace MatrixFactorization.Kernels;

/// <summary>
/// The instruction width a <see cref="FactorKernels"/> call runs with. Wider paths still hand
/// inputs shorter than one of their vectors to the next narrower path.
/// </summary>
public enum KernelPath
{
    /// <summary>Plain scalar loops; available everywhere.</summary>
    Scalar = 0,

    /// <summary>128-bit vectors (4 floats): SSE/AVX on x86, AdvSimd on Arm64.</summary>
    Vector128 = 1,

    /// <summary>256-bit vectors (8 floats): AVX2 on x86.</summary>
    Vector256 = 2,

    /// <summary>512-bit vectors (16 floats): AVX-512 on x86.</summary>
    Vector512 = 3,
}
