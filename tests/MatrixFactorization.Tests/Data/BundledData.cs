namespace MatrixFactorization.Tests.Data;

/// <summary>Paths of the MovieLens sample copied next to the test assembly.</summary>
internal static class BundledData
{
    public static string Ratings => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "ml-latest-small", "ratings.csv");

    public static string Movies => System.IO.Path.Combine(AppContext.BaseDirectory, "data", "ml-latest-small", "movies.csv");
}
