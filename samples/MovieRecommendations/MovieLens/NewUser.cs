using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>
/// Someone who was not in training rates five movies: EASE lists for them at once, and the biased
/// model folds them in (solves for their factors with every movie's factors fixed) to predict stars.
/// </summary>
internal static class NewUser
{
    private static readonly ItemRating[] Ratings =
    [
        new("1", 5f),      // Toy Story
        new("2355", 5f),   // A Bug's Life
        new("4886", 4.5f), // Monsters, Inc.
        new("2", 1f),      // Jumanji
        new("1732", 1.5f), // The Big Lebowski
    ];

    public static void Show(IAnsiConsole console, MovieLensData data, EaseModel ease, BiasedMatrixFactorizationModel biased)
    {
        ItemRating[] known = [.. Ratings.Where(r => data.IndexOf(r.ItemId) >= 0)];
        console.Write(new Rule("[bold]A new user, folded in from five ratings[/]").LeftJustified());
        console.MarkupLine("They rated " + string.Join(", ", known.Select(r => $"{Markup.Escape(data.Title(data.IndexOf(r.ItemId)))} {r.Rating:0.#}★")) + ".");
        if (known.Length == 0)
        {
            console.MarkupLine("[yellow]None of those movies is in this data; skipped.[/]");
            return;
        }

        ScoredItem[] picks = new Recommender(ease, data.Ratings).RecommendNewUser(known, 10);
        FoldedInUser folded = new FoldInSolver(biased, ModelComparison.BiasedOptions.ToFoldInOptions()).FoldInUser(known);
        console.Write(MovieTable.Build(data, picks, "EASE score", pick => $"{folded.PredictByIndex(pick.Index).Value:F1}★", "Biased MF predicts"));

        Explanation why = folded.ExplainByIndex(picks[0].Index);
        console.MarkupLine($"Biased MF on {Markup.Escape(data.Title(picks[0].Index))}: baseline {why.Baseline:F2}★, then because you rated "
            + string.Join("; ", why.Contributions.Take(3).Select(c => $"{Markup.Escape(data.Title(c.Index))} ({c.Contribution:+0.00;-0.00})")));
        console.WriteLine();
    }
}
