using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MatrixFactorization.Tests.Packaging;

/// <summary>
/// The packages work for someone who installs them: a new console app built against the library
/// package runs the package readme's example, and the tool installs and runs from its package.
/// </summary>
[Collection(PackagingCollection.Name)]
[Trait("Category", PackagingCollection.Category)]
public sealed partial class PackageConsumerTests(PackedPackages packages)
{
    private static readonly string s_ratings = Path.Combine(AppContext.BaseDirectory, "data", "ml-latest-small", "ratings.csv");

    [Fact]
    public void A_new_app_runs_the_package_readme_example_against_the_package()
    {
        var app = new ConsumerFolder(packages, "app");
        File.WriteAllText(Path.Combine(app.Path, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MatrixFactorization" Version="{packages.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app.Path, "Program.cs"), ReadmeExample());
        File.Copy(s_ratings, Path.Combine(app.Path, "ratings.csv"));

        app.Dotnet("build", "-c", "Release", "-o", "out", "--disable-build-servers");
        string output = app.Dotnet(Path.Combine("out", "Consumer.dll"));

        Directory.GetDirectories(Path.Combine(app.Path, "packages", "matrixfactorization")).Select(Path.GetFileName)
            .Should().Equal([packages.Version], "the library came from this run's feed");
        (string[] ids, float[] scores) = ParseRecommendations(output);
        Ratings ratings = Ratings.Read(s_ratings);
        ids.Should().HaveCount(10).And.OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => ratings.Items.Contains(id), "every recommendation is a movie from the file");
        ids.Should().NotIntersectWith(ratings.RatedBy("1"), "user 1 is not recommended what they rated");
        scores.Should().BeInDescendingOrder().And.OnlyContain(s => s > 0.5f && s < 10f, "the scores are predicted ratings near the 0.5–5 scale");
    }

    [Fact]
    public void The_tool_installs_from_its_package_and_inspects_the_bundled_ratings()
    {
        var consumer = new ConsumerFolder(packages, "tool");
        string toolPath = Path.Combine(consumer.Path, "tools");
        consumer.Dotnet("tool", "install", "MatrixFactorization.Cli", "--version", packages.Version, "--tool-path", toolPath,
            "--configfile", Path.Combine(consumer.Path, "nuget.config"));
        File.Copy(s_ratings, Path.Combine(consumer.Path, "ratings.csv"));
        string mf = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "mf.exe" : "mf");

        string help = DotnetCommand.RunProgram(mf, consumer.Path, consumer.Environment, "--help");
        help.Should().Contain("data").And.Contain("train").And.Contain("recommend");

        string json = DotnetCommand.RunProgram(mf, consumer.Path, consumer.Environment, "data", "inspect", "ratings.csv", "--json");
        using JsonDocument report = JsonDocument.Parse(json);
        Ratings ratings = Ratings.Read(s_ratings);
        report.RootElement.GetProperty("ratings").GetInt64().Should().Be(ratings.Count);
        report.RootElement.GetProperty("users").GetInt32().Should().Be(ratings.Users.Count);
        report.RootElement.GetProperty("items").GetInt32().Should().Be(ratings.Items.Count);
    }

    private static string ReadmeExample()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "MatrixFactorization", "PACKAGE.md"));
        Match match = ExampleBlock().Match(readme);
        match.Success.Should().BeTrue("the package readme has an '## Example' section with a csharp block");
        return match.Groups["code"].Value;
    }

    private static (string[] Ids, float[] Scores) ParseRecommendations(string output)
    {
        string[][] lines = [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' '))];
        lines.Should().OnlyContain(parts => parts.Length == 2, "each line is 'id score', but the program printed:\n{0}", output);
        return ([.. lines.Select(p => p[0])], [.. lines.Select(p => float.Parse(p[1], CultureInfo.InvariantCulture))]);
    }

    [GeneratedRegex(@"^## Example\s*$.*?^```csharp\s*$(?<code>.*?)^```\s*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();

    /// <summary>The facts the checks need, read straight from the csv without the library.</summary>
    private sealed record Ratings(long Count, HashSet<string> Users, HashSet<string> Items, Dictionary<string, HashSet<string>> ByUser)
    {
        public IEnumerable<string> RatedBy(string user) => ByUser[user];

        public static Ratings Read(string path)
        {
            var users = new HashSet<string>();
            var items = new HashSet<string>();
            var byUser = new Dictionary<string, HashSet<string>>();
            long count = 0;
            foreach (string line in File.ReadLines(path).Skip(1))
            {
                string[] fields = line.Split(',');
                users.Add(fields[0]);
                items.Add(fields[1]);
                if (!byUser.TryGetValue(fields[0], out HashSet<string>? rated))
                {
                    byUser[fields[0]] = rated = [];
                }

                rated.Add(fields[1]);
                count++;
            }

            return new Ratings(count, users, items, byUser);
        }
    }
}
