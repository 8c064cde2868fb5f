using ScottPlot;

namespace MatrixFactorization.Cli.Plots;

/// <summary>
/// The two genres a map of films is coloured by: comedy and action, the pair whose films the
/// factors pull apart most plainly, and the films that are both or neither.
/// </summary>
/// <param name="Name">The legend's text.</param>
/// <param name="Color">The points' colour.</param>
/// <param name="Comedy">Whether the group's items are comedies.</param>
/// <param name="Action">Whether the group's items are action films.</param>
internal sealed record GenreGroup(string Name, Color Color, bool Comedy, bool Action)
{
    public static IReadOnlyList<GenreGroup> All { get; } =
    [
        new("neither comedy nor action", Colors.Gray.WithAlpha(0.5), false, false),
        new("comedy", Colors.DarkOrange, true, false),
        new("action", Colors.SteelBlue, false, true),
        new("comedy and action", Colors.Purple, true, true),
    ];

    public bool Holds(IReadOnlyList<string> genres) =>
        Comedy == Has(genres, "Comedy") && Action == Has(genres, "Action");

    private static bool Has(IReadOnlyList<string> genres, string genre) => genres.Any(g => g.Equals(genre, StringComparison.OrdinalIgnoreCase));
}
