using System.IO.Compression;
using System.Xml.Linq;

namespace MatrixFactorization.Tests.Packaging;

/// <summary>What the packed packages hold and say about themselves.</summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", PackagingCollection.Category)]
public sealed class PackageContentTests(PackedPackages packages)
{
    private const string Repository = "https://github.com/matrixfactorization/MatrixFactorization";

    [Fact]
    public void Packing_prints_no_warning()
    {
        packages.PackOutput.Should().NotContainEquivalentOf("warning");
        File.Exists(packages.PackagePath("MatrixFactorization")).Should().BeTrue();
        File.Exists(packages.PackagePath("MatrixFactorization", "snupkg")).Should().BeTrue();
        File.Exists(packages.PackagePath("MatrixFactorization.Cli")).Should().BeTrue();
    }

    [Fact]
    public void The_library_package_has_its_readme_licence_repository_and_no_data()
    {
        using ZipArchive package = ZipFile.OpenRead(packages.PackagePath("MatrixFactorization"));
        XElement metadata = Metadata(package, "MatrixFactorization.nuspec");

        Value(metadata, "readme").Should().Be("PACKAGE.md");
        package.GetEntry("PACKAGE.md").Should().NotBeNull("the readme the nuspec names is in the package");
        Value(metadata, "license").Should().Be("MIT");
        Value(metadata, "projectUrl").Should().Be(Repository);
        Value(metadata, "description").Should().NotBeNullOrWhiteSpace();
        Value(metadata, "tags").Should().Contain("recommender");
        XElement repository = Child(metadata, "repository");
        repository.Attribute("url")!.Value.Should().Be(Repository);
        repository.Attribute("commit")!.Value.Should().Be(Git.Head);

        package.Entries.Select(e => e.FullName).Should().Contain("lib/net10.0/MatrixFactorization.dll")
            .And.Contain("lib/net10.0/MatrixFactorization.xml")
            .And.NotContain(name => name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase),
                "the MovieLens data stays in the repository and the symbols go in the .snupkg");
    }

    [Fact]
    public void The_tool_package_is_a_dotnet_tool_with_its_readme()
    {
        using ZipArchive package = ZipFile.OpenRead(packages.PackagePath("MatrixFactorization.Cli"));
        XElement metadata = Metadata(package, "MatrixFactorization.Cli.nuspec");

        Child(Child(metadata, "packageTypes"), "packageType").Attribute("name")!.Value.Should().Be("DotnetTool");
        Value(metadata, "readme").Should().Be("PACKAGE.md");
        package.GetEntry("PACKAGE.md").Should().NotBeNull();
        Value(metadata, "license").Should().Be("MIT");
        Value(metadata, "projectUrl").Should().Be(Repository);
        Value(metadata, "tags").Should().Contain("dotnet-tool");
        package.Entries.Select(e => e.FullName).Should().Contain("tools/net10.0/any/mf.dll");
    }

    [Fact]
    public void The_symbol_package_matches_the_library_and_links_its_sources_to_the_built_commit()
    {
        using ZipArchive package = ZipFile.OpenRead(packages.PackagePath("MatrixFactorization"));
        using ZipArchive symbols = ZipFile.OpenRead(packages.PackagePath("MatrixFactorization", "snupkg"));
        PortablePdb pdb = PortablePdb.Read(symbols, "lib/net10.0/MatrixFactorization.pdb");

        pdb.Id.Should().Equal(PortablePdb.IdOfAssembly(package, "lib/net10.0/MatrixFactorization.dll"), "the debugger pairs the pdb with the dll by this id");

        string document = pdb.Documents.Single(d => d.Replace('\\', '/').EndsWith("/src/MatrixFactorization/Recommendation/Recommender.cs", StringComparison.Ordinal));
        pdb.SourceLinkUrl(document).Should().Be($"https://raw.githubusercontent.com/matrixfactorization/MatrixFactorization/{Git.Head}/src/MatrixFactorization/Recommendation/Recommender.cs");
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            document.Should().StartWith("/_/", "a CI build maps the checkout's path away, so the pdb is the same wherever it is built");
        }
    }

    private static XElement Metadata(ZipArchive package, string nuspec)
    {
        ZipArchiveEntry entry = package.GetEntry(nuspec) ?? throw new InvalidDataException($"{nuspec} is missing.");
        using Stream stream = entry.Open();
        return Child(XDocument.Load(stream).Root!, "metadata");
    }

    private static XElement Child(XElement parent, string name) =>
        parent.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? throw new InvalidDataException($"<{parent.Name.LocalName}> has no <{name}>.");

    private static string? Value(XElement metadata, string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
}
