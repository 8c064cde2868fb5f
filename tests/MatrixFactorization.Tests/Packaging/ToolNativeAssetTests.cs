using System.IO.Compression;

namespace MatrixFactorization.Tests.Packaging;

/// <summary>The tool draws pictures wherever it is installed: the native drawing libraries travel in its package.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", PackagingCollection.Category)]
public sealed class ToolNativeAssetTests(PackedPackages packages)
{
    [Theory]
    [InlineData("linux-x64", "libSkiaSharp.so")]
    [InlineData("linux-x64", "libHarfBuzzSharp.so")]
    [InlineData("linux-arm64", "libSkiaSharp.so")]
    [InlineData("osx", "libSkiaSharp.dylib")]
    [InlineData("win-x64", "libSkiaSharp.dll")]
    public void The_tool_package_carries_the_native_drawing_library_of_each_platform(string runtime, string library)
    {
        using ZipArchive package = ZipFile.OpenRead(packages.PackagePath("MatrixFactorization.Cli"));
        ZipArchiveEntry? entry = package.GetEntry($"tools/net10.0/any/runtimes/{runtime}/native/{library}");
        entry.Should().NotBeNull();
        entry!.Length.Should().BeGreaterThan(100_000, "a native library, not a placeholder");
    }

    [Fact]
    public void The_library_package_draws_nothing()
    {
        using ZipArchive package = ZipFile.OpenRead(packages.PackagePath("MatrixFactorization"));
        using var nuspec = new StreamReader(package.GetEntry("MatrixFactorization.nuspec")!.Open());
        string text = nuspec.ReadToEnd();
        text.Should().NotContainEquivalentOf("ScottPlot").And.NotContainEquivalentOf("SkiaSharp");
    }
}
