using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>The models side by side.</summary>
internal static class ComparisonTable
{
    public static void Show(IAnsiConsole console, IReadOnlyList<ModelRow> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Model");
        table.AddColumn(new TableColumn("RMSE").RightAligned());
        table.AddColumn(new TableColumn("MAE").RightAligned());
        table.AddColumn(new TableColumn("NDCG@10").RightAligned());
        table.AddColumn(new TableColumn("Precision@10").RightAligned());
        table.AddColumn(new TableColumn("Fit time").RightAligned());
        double best = rows.Max(r => r.Ranking.Ndcg);
        foreach (ModelRow row in rows)
        {
            string ndcg = $"{row.Ranking.Ndcg:F4}" + (row.MinimumItemRatings > 0 ? "*" : "");
            table.AddRow(
                Markup.Escape(row.Name),
                row.Accuracy is { } a ? $"{a.Rmse:F4}" : "–",
                row.Accuracy is { } b ? $"{b.Mae:F4}" : "–",
                row.Ranking.Ndcg == best ? $"[bold green]{ndcg}[/]" : ndcg,
                $"{row.Ranking.Precision:F4}",
                $"{row.FitTime.TotalSeconds:F2} s");
        }

        console.Write(table);
        console.MarkupLine("[grey]NDCG@10, precision@10: top 10 over every movie the user did not rate in training; a held-out rating ≥ 4 is relevant.[/]");
        int floor = rows.Max(r => r.MinimumItemRatings);
        if (floor > 0)
        {
            console.MarkupLine($"[grey]* Rating models rank only movies with ≥ {floor} training ratings (17.5% of the users), as the mf tool does:[/]");
            console.MarkupLine("[grey]  unfiltered, their lists lead with movies a handful of people loved.[/]");
        }
    }
}
