using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>A known user's top 10 from EASE, and which of their own ratings put each pick there.</summary>
internal static class UserRecommendations
{
    public static void Show(IAnsiConsole console, MovieLensData data, EaseModel ease, string userId)
    {
        if (!data.Ratings.Users.TryGetIndex(userId, out int user))
        {
            throw new UsageException($"--user {userId}: no such user in the ratings.");
        }

        RatingRow row = data.Ratings.GetUserRatings(user);
        (int[] Items, float[] Stars) rated = (row.Items.ToArray(), row.Values.ToArray());
        console.Write(new Rule($"[bold]Top 10 for user {Markup.Escape(userId)} (EASE, the best list model)[/]").LeftJustified());
        console.MarkupLine($"User {Markup.Escape(userId)} rated {rated.Items.Length} movies; their favourites include "
            + string.Join(", ", Favourites(data, rated).Select(Markup.Escape)) + ".");
        ScoredItem[] picks = new Recommender(ease, data.Ratings).Recommend(userId, 10);
        console.Write(MovieTable.Build(data, picks, "Score"));

        console.Write(new Rule("[bold]Because you rated …[/]").LeftJustified());
        console.MarkupLine("[grey]An EASE score is a sum over the movies the user rated: each adds its rating × how strongly it points to the pick.[/]");
        foreach (ScoredItem pick in picks.Take(3))
        {
            Explanation why = ease.ExplainByIndex(user, pick.Index);
            IEnumerable<string> reasons = why.Contributions.Take(3).Select(part =>
                $"{Markup.Escape(data.Title(part.Index))} ({StarsOf(rated, part.Index)}★, {100 * part.Contribution / why.Score:F0}% of the score)");
            console.MarkupLine($"[bold]{Markup.Escape(data.Title(pick.Index))}[/] because you rated {string.Join("; ", reasons)}");
        }

        console.WriteLine();
    }

    /// <summary>The user's three highest ratings, the most rated movies first among equals.</summary>
    private static IEnumerable<string> Favourites(MovieLensData data, (int[] Items, float[] Stars) rated)
    {
        int[] counts = data.Ratings.Statistics.ItemCounts.ToArray();
        return Enumerable.Range(0, rated.Items.Length)
            .OrderByDescending(k => rated.Stars[k]).ThenByDescending(k => counts[rated.Items[k]]).Take(3)
            .Select(k => $"{data.Title(rated.Items[k])} ({rated.Stars[k]:0.#}★)");
    }

    private static string StarsOf((int[] Items, float[] Stars) rated, int item)
    {
        int k = Array.IndexOf(rated.Items, item);
        return k >= 0 ? rated.Stars[k].ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) : "?";
    }
}
