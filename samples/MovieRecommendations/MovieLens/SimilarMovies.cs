using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>Movies whose learned factors point the same way as Toy Story's.</summary>
internal static class SimilarMovies
{
    private const string ToyStory = "1";

    /// <summary>Movies with fewer ratings have factors shaped mostly by their few raters: they are left out.</summary>
    private const int MinimumRatings = 20;

    public static void Show(IAnsiConsole console, MovieLensData data, IFactorModel model)
    {
        int anchor = data.IndexOf(ToyStory);
        if (anchor < 0)
        {
            // Another MovieLens folder may lack it; its most rated movie serves as well.
            anchor = MostRated(data);
        }

        console.Write(new Rule($"[bold]Movies like {Markup.Escape(data.Title(anchor))}[/]").LeftJustified());
        console.MarkupLine($"[grey]Cosine similarity of the biased model's item factors; movies with at least {MinimumRatings} ratings.[/]");
        ReadOnlySpan<int> counts = data.Ratings.Statistics.ItemCounts;
        int[] countsCopy = counts.ToArray();
        ScoredItem[] similar = new Recommender(model, data.Ratings).SimilarItemsByIndex(anchor, 10, i => countsCopy[i] >= MinimumRatings);
        console.Write(MovieTable.Build(data, similar, "Cosine"));
        console.WriteLine();
    }

    private static int MostRated(MovieLensData data)
    {
        ReadOnlySpan<int> counts = data.Ratings.Statistics.ItemCounts;
        int best = 0;
        for (int i = 1; i < counts.Length; i++)
        {
            best = counts[i] > counts[best] ? i : best;
        }

        return best;
    }
}
