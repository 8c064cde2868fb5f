using MatrixFactorization.Recommendation;
using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>A list of movies with their titles, genres and a score.</summary>
internal static class MovieTable
{
    public static Table Build(MovieLensData data, IEnumerable<ScoredItem> items, string scoreHeader, Func<ScoredItem, string>? extraCell = null, string? extraHeader = null)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn("Title");
        table.AddColumn("Genres");
        table.AddColumn(new TableColumn(scoreHeader).RightAligned());
        if (extraCell is not null)
        {
            table.AddColumn(new TableColumn(extraHeader ?? "").RightAligned());
        }

        int rank = 0;
        foreach (ScoredItem item in items)
        {
            var cells = new List<string>
            {
                (++rank).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(data.Title(item.Index)),
                "[grey]" + Markup.Escape(data.Genres(item.Index)) + "[/]",
                $"{item.Score:F3}",
            };
            if (extraCell is not null)
            {
                cells.Add(extraCell(item));
            }

            table.AddRow([.. cells]);
        }

        return table;
    }
}
