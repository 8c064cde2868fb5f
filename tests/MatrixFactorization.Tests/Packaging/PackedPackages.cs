namespace MatrixFactorization.Tests.Packaging;

/// <summary>
/// Packs the library and the <c>mf</c> tool from this checkout into a folder feed, once for all the
/// packaging tests. The build goes to a folder of its own, so it neither reuses nor disturbs the
/// checkout's bin and obj, and the version is new on every run, so no package cache can stand in
/// for it.
/// </summary>
public sealed class PackedPackages : IDisposable
{
    public PackedPackages()
    {
        Root = Directory.CreateTempSubdirectory("mf-packaging-").FullName;
        Feed = Path.Combine(Root, "feed");
        Version = $"0.1.0-test.t{Guid.NewGuid():N}";
        string artifacts = Path.Combine(Root, "artifacts");
        var output = new List<string>();
        foreach (string project in new[] { "src/MatrixFactorization/MatrixFactorization.csproj", "src/MatrixFactorization.Cli/MatrixFactorization.Cli.csproj" })
        {
            output.Add(DotnetCommand.Run(
                RepositoryRoot.Path,
                new Dictionary<string, string?>(),
                "pack", project, "-c", "Release", "-o", Feed, "--disable-build-servers", "-warnaserror",
                $"-p:ArtifactsPath={artifacts}", $"-p:Version={Version}"));
        }

        PackOutput = string.Join(Environment.NewLine, output);
    }

    /// <summary>A temporary folder that holds the feed and the build; deleted on dispose.</summary>
    public string Root { get; }

    /// <summary>The folder feed the packages were written to.</summary>
    public string Feed { get; }

    /// <summary>This run's package version.</summary>
    public string Version { get; }

    /// <summary>What <c>dotnet pack</c> printed.</summary>
    public string PackOutput { get; }

    public string PackagePath(string id, string extension = "nupkg") => Path.Combine(Feed, $"{id}.{Version}.{extension}");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process that outlived its test may still hold a file; the folder is in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
