using System.Runtime.Intrinsics;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Tests.Kernels;

public class DispatchTests
{
    [Theory]
    [InlineData("scalar", KernelPath.Vector512, KernelPath.Scalar)]
    [InlineData("v128", KernelPath.Vector512, KernelPath.Vector128)]
    [InlineData("V256", KernelPath.Vector512, KernelPath.Vector256)]
    [InlineData(" v512 ", KernelPath.Vector512, KernelPath.Vector512)]
    [InlineData("v512", KernelPath.Vector256, KernelPath.Vector256)]
    [InlineData("v256", KernelPath.Vector128, KernelPath.Vector128)]
    [InlineData("v128", KernelPath.Scalar, KernelPath.Scalar)]
    [InlineData("avx", KernelPath.Vector256, KernelPath.Vector256)]
    [InlineData("", KernelPath.Vector128, KernelPath.Vector128)]
    [InlineData(null, KernelPath.Vector512, KernelPath.Vector512)]
    public void A_request_is_honored_when_the_hardware_covers_it_and_falls_back_to_the_best_otherwise(
        string? request, KernelPath best, KernelPath expected) =>
        KernelDispatch.Resolve(request, best).Should().Be(expected);

    [Fact]
    public void The_active_path_follows_the_environment_and_the_hardware()
    {
        KernelPath expected = KernelDispatch.Resolve(Environment.GetEnvironmentVariable(KernelDispatch.EnvironmentVariable), KernelDispatch.Best);

        FactorKernels.ActivePath.Should().Be(expected);
        KernelDispatch.AvailablePaths.Should().Contain(FactorKernels.ActivePath);
    }

    [Fact]
    public void Available_paths_are_the_accelerated_widths()
    {
        KernelDispatch.AvailablePaths[0].Should().Be(KernelPath.Scalar);
        KernelDispatch.AvailablePaths[^1].Should().Be(KernelDispatch.Best);
        KernelDispatch.AvailablePaths.Contains(KernelPath.Vector128).Should().Be(Vector128.IsHardwareAccelerated);
        KernelDispatch.AvailablePaths.Contains(KernelPath.Vector256).Should().Be(Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated);
        KernelDispatch.AvailablePaths.Contains(KernelPath.Vector512).Should().Be(
            Vector512.IsHardwareAccelerated && Vector256.IsHardwareAccelerated && Vector128.IsHardwareAccelerated);
    }

    [Theory]
    [InlineData(KernelPath.Vector512, 16, KernelPath.Vector512)]
    [InlineData(KernelPath.Vector512, 15, KernelPath.Vector256)]
    [InlineData(KernelPath.Vector512, 7, KernelPath.Vector128)]
    [InlineData(KernelPath.Vector512, 3, KernelPath.Scalar)]
    [InlineData(KernelPath.Vector256, 100, KernelPath.Vector256)]
    [InlineData(KernelPath.Vector128, 100, KernelPath.Vector128)]
    [InlineData(KernelPath.Scalar, 100, KernelPath.Scalar)]
    public void Short_inputs_drop_to_the_widest_vector_that_fits(KernelPath path, int length, KernelPath expected) =>
        KernelDispatch.ForLength(path, length).Should().Be(expected);
}
