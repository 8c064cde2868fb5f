using MatrixFactorization.Data;

namespace MovieRecommendations.MovieLens;

/// <summary>A MovieLens folder loaded: the ratings and the titles and genres of the movies.</summary>
internal sealed record MovieLensData(string Directory, RatingStore Ratings, ItemCatalog Movies, LoadReport Report)
{
    public static MovieLensData Load(string directory)
    {
        string ratings = Path.Combine(directory, "ratings.csv");
        string movies = Path.Combine(directory, "movies.csv");
        foreach (string file in new[] { ratings, movies })
        {
            if (!File.Exists(file))
            {
                throw new UsageException($"'{file}' does not exist. --data must name a MovieLens folder with ratings.csv and movies.csv, such as data/ml-latest-small.");
            }
        }

        LoadResult loaded = RatingReader.Read(ratings);
        return new MovieLensData(directory, loaded.Store, ItemCatalog.Read(movies), loaded.Report);
    }

    /// <summary>The movie's title as movies.csv gives it, or its id when movies.csv lacks it.</summary>
    public string Title(int itemIndex) => Movies.GetTitle(Ratings.Items, itemIndex);

    /// <summary>The movie's genres, joined, or an empty string.</summary>
    public string Genres(int itemIndex) =>
        Movies.TryGet(Ratings.Items, itemIndex, out CatalogItem? item) && item is not null ? string.Join(", ", item.Genres) : "";

    /// <summary>The dense index of a movie by its MovieLens id, or -1 when no rating names it.</summary>
    public int IndexOf(string movieId) => Ratings.Items.TryGetIndex(movieId, out int index) ? index : -1;
}
