using System.Runtime.Intrinsics;

namespace MatrixFactorization.Kernels;

/// <summary>Chooses the kernel path once per process.</summary>
internal static class KernelDispatch
{
    /// <summary>Environment variable that forces a path: <c>scalar</c>, <c>v128</c>, <c>v256</c> or <c>v512</c>.</summary>
    internal const string EnvironmentVariable = "MF_KERNEL";

    /// <summary>The widest path this process's hardware accelerates.</summary>
    internal static readonly KernelPath Best = DetectBest();

    // static readonly so tier-1 JIT treats it as a constant and drops the untaken branches
    // from every dispatch switch in the hot loop.
    internal static readonly KernelPath Active =
        Resolve(Environment.GetEnvironmentVariable(EnvironmentVariable), Best);

    /// <summary>Every path this machine can run, narrowest first.</summary>
    internal static IReadOnlyList<KernelPath> AvailablePaths { get; } = ListAvailable(Best);

    /// <summary>
    /// Maps a requested path name to the path to run: the request if <paramref name="best"/> covers it,
    /// otherwise <paramref name="best"/>. Unknown or empty requests also give <paramref name="best"/>,
    /// because a typo in an environment variable should not stop a process from starting.
    /// </summary>
    internal static KernelPath Resolve(string? request, KernelPath best)
    {
        KernelPath? requested = request?.Trim().ToUpperInvariant() switch
        {
            "SCALAR" => KernelPath.Scalar,
            "V128" => KernelPath.Vector128,
            "V256" => KernelPath.Vector256,
            "V512" => KernelPath.Vector512,
            _ => null,
        };

        // Acceleration is nested on every supported platform (512 implies 256 implies 128),
        // so anything at or below the best path is available.
        return requested is { } path && path <= best ? path : best;
    }

    /// <summary>
    /// The path to use for an input of <paramref name="length"/> floats: <paramref name="path"/>, or the
    /// widest narrower path whose vector fits, so short inputs still get vectorized.
    /// </summary>
    internal static KernelPath ForLength(KernelPath path, int length)
    {
        if (path == KernelPath.Vector512 && length >= Vector512<float>.Count)
        {
            return KernelPath.Vector512;
        }

        if (path >= KernelPath.Vector256 && length >= Vector256<float>.Count)
        {
            return KernelPath.Vector256;
        }

        if (path >= KernelPath.Vector128 && length >= Vector128<float>.Count)
        {
            return KernelPath.Vector128;
        }

        return KernelPath.Scalar;
    }

    private static KernelPath DetectBest()
    {
        if (Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated)
        {
            return KernelPath.Vector512;
        }

        if (Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated)
        {
            return KernelPath.Vector256;
        }

        return Vector128.IsHardwareAccelerated ? KernelPath.Vector128 : KernelPath.Scalar;
    }

    private static KernelPath[] ListAvailable(KernelPath best)
    {
        var paths = new KernelPath[(int)best + 1];
        for (int i = 0; i < paths.Length; i++)
        {
            paths[i] = (KernelPath)i;
        }

        return paths;
    }
}
