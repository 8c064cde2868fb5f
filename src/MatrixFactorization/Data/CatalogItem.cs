namespace MatrixFactorization.Data;

/// <summary>Descriptive data about one item, such as a movie: its title and genres.</summary>
/// <param name="Id">The raw item id, as in the rating data.</param>
/// <param name="Title">The title, as written (MovieLens titles end with the year in parentheses).</param>
/// <param name="Genres">The genres, in file order; empty when none are listed.</param>
public sealed record CatalogItem(string Id, string Title, IReadOnlyList<string> Genres)
{
    /// <summary>The year at the end of a MovieLens-style title, such as 1995 in
    /// <c>Toy Story (1995)</c>, or null when the title does not end with one.</summary>
    public int? Year
    {
        get
        {
            ReadOnlySpan<char> title = Title.AsSpan().TrimEnd();
            return title is [.., '(', _, _, _, _, ')'] && int.TryParse(title[^5..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int year)
                ? year
                : null;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Genres.Count == 0 ? Title : $"{Title} [{string.Join('|', Genres)}]";
}
