using MatrixFactorization.Data;

namespace MovieRecommendations.MovieLens;

/// <summary>A MovieLens folder loaded: the ratings and the titles and genres of the movies.</summary>
internal sealed record MovieLensData(string Directory, RatingStore Ratings, ItemCatalog Movies, LoadReport Report)
{
    /// <summary>Fails at once, before any training, when the folder lacks a file the sample reads.</summary>
    public static void Check(string directory)
    {
        foreach (string name in new[] { "ratings.csv", "movies.csv" })
        {
            string file = Path.Combine(directory, name);
            if (!File.Exists(file))
            {
                throw new UsageException($"'{file}' does not exist. --data must name a MovieLens folder with ratings.csv and movies.csv, such as data/ml-latest-small.");
            }
        }
    }

    public static MovieLensData Load(string directory)
    {
        Check(directory);
        LoadResult loaded = RatingReader.Read(Path.Combine(directory, "ratings.csv"));
        return new MovieLensData(directory, loaded.Store, ItemCatalog.Read(Path.Combine(directory, "movies.csv")), loaded.Report);
    }

    /// <summary>The movie's title as movies.csv gives it, or its id when movies.csv lacks it.</summary>
    public string Title(int itemIndex) => Movies.GetTitle(Ratings.Items, itemIndex);

    /// <summary>The movie's genres, joined, or an empty string.</summary>
    public string Genres(int itemIndex) =>
        Movies.TryGet(Ratings.Items, itemIndex, out CatalogItem? item) && item is not null ? string.Join(", ", item.Genres) : "";

    /// <summary>The dense index of a movie by its MovieLens id, or -1 when no rating names it.</summary>
    public int IndexOf(string movieId) => Ratings.Items.TryGetIndex(movieId, out int index) ? index : -1;
}
