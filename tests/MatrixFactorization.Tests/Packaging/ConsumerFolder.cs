namespace MatrixFactorization.Tests.Packaging;

/// <summary>
/// A folder outside the checkout, set up as a stranger's project would be: its restore sees this
/// run's feed and the machine's own package sources, and extracts into a package folder of its own,
/// so the packages under test come from the feed and nowhere else.
/// </summary>
internal sealed class ConsumerFolder
{
    public ConsumerFolder(PackedPackages packages, string name)
    {
        Path = System.IO.Path.Combine(packages.Root, name);
        Directory.CreateDirectory(Path);

        // Empty files stop MSBuild's search upwards for build settings at this folder.
        File.WriteAllText(System.IO.Path.Combine(Path, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(System.IO.Path.Combine(Path, "Directory.Build.targets"), "<Project />\n");

        // The checkout's restore already holds the library's dependencies; reading them in place
        // (a fallback folder) spares a download without letting any cache supply the library itself.
        string shared = SharedPackageFolder();
        File.WriteAllText(System.IO.Path.Combine(Path, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packages-under-test" value="{packages.Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="checkout-restore" value="{shared}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        Environment = new Dictionary<string, string?> { ["NUGET_PACKAGES"] = System.IO.Path.Combine(Path, "packages") };
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, string?> Environment { get; }

    public string Dotnet(params string[] arguments) => DotnetCommand.Run(Path, Environment, arguments);

    private static string SharedPackageFolder()
    {
        // "global-packages: /home/someone/.nuget/packages/"
        string line = DotnetCommand.Run(RepositoryRoot.Path, new Dictionary<string, string?>(), "nuget", "locals", "global-packages", "--list").Trim();
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        colon.Should().BePositive("'dotnet nuget locals' names the global packages folder, but printed '{0}'", line);
        return line[(colon + 2)..].Trim();
    }
}
