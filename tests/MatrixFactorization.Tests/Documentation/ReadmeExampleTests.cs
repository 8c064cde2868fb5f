using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MatrixFactorization.Tests.Documentation;

/// <summary>The README's library example is real code: it must compile against the library as it is.</summary>
public sealed partial class ReadmeExampleTests
{
    [Fact]
    public void The_readme_example_compiles_without_warnings()
    {
        string example = ExtractExample(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md")));
        example.Should().Contain("RatingSplitter").And.Contain("Fit(").And.Contain("RankingMetrics").And.Contain("Recommend(",
            "the example shows load → split → train → evaluate → recommend");

        CSharpCompilation compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [CSharpSyntaxTree.ParseText(example, new CSharpParseOptions(LanguageVersion.Latest)), ImplicitUsings],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        ImmutableArray<Diagnostic> problems = [.. result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        problems.Select(d => d.ToString()).Should().BeEmpty();
        result.Success.Should().BeTrue();
    }

    [Fact]
    public void A_broken_example_is_caught()
    {
        // The check above must be able to fail: a call to a method that does not exist does not compile.
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText("using MatrixFactorization.Recommendation; Recommender r = null!; r.RecommendTheMoon();")],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        compilation.Emit(new MemoryStream()).Success.Should().BeFalse();
    }

    /// <summary>The global usings a new console project gets from the SDK (ImplicitUsings).</summary>
    private static SyntaxTree ImplicitUsings => CSharpSyntaxTree.ParseText(
        "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; "
        + "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;");

    private static string ExtractExample(string readme)
    {
        Match match = ExampleBlock().Match(readme);
        match.Success.Should().BeTrue("the README has an '## Example' section with a csharp block");
        return match.Groups["code"].Value;
    }

    private static IEnumerable<MetadataReference> References()
    {
        // The framework this test runs on, plus the library.
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform.Append(typeof(global::MatrixFactorization.Recommendation.Recommender).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    [GeneratedRegex(@"^## Example\s*$.*?^```csharp\s*$(?<code>.*?)^```\s*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
