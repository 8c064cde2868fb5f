namespace MatrixFactorization.Tests.Packaging;

/// <summary>The checkout the tests were built from: the folder above the test binaries that holds the solution.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MatrixFactorization.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No MatrixFactorization.sln above {AppContext.BaseDirectory}; the packaging tests pack the projects of the checkout the tests were built in.");
    }
}
