using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

/// <summary>Theory data: every kernel path this machine can run, so each test covers all of them.</summary>
public static class KernelPaths
{
    public const int MaxLength = 257;

    public static TheoryData<KernelPath> Available()
    {
        var data = new TheoryData<KernelPath>();
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            data.Add(path);
        }

        return data;
    }

    /// <summary>Vector paths only, for comparisons against the scalar path.</summary>
    public static TheoryData<KernelPath> Vector()
    {
        var data = new TheoryData<KernelPath>();
        foreach (KernelPath path in KernelDispatch.AvailablePaths)
        {
            if (path != KernelPath.Scalar)
            {
                data.Add(path);
            }
        }

        return data;
    }
}
