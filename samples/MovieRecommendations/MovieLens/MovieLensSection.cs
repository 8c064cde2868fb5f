using System.Diagnostics;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>Part 2: the same method, and its rivals, on real ratings.</summary>
internal static class MovieLensSection
{
    public static (MovieLensData Data, ComparisonResult Comparison) Run(IAnsiConsole console, string directory, string userId)
    {
        console.Write(new Rule("[bold]2. MovieLens: real people, real movies[/]").LeftJustified());
        var clock = Stopwatch.StartNew();
        MovieLensData data = MovieLensData.Load(directory);
        RatingStatistics stats = data.Ratings.Statistics;
        console.MarkupLine($"Loaded {data.Ratings.Count:N0} ratings by {stats.UsersWithRatings:N0} users of {stats.ItemsWithRatings:N0} movies "
            + $"({data.Movies.Count:N0} titles) from [blue]{Markup.Escape(directory)}[/] in {clock.ElapsedMilliseconds} ms; "
            + $"{100 * stats.Density:F2}% of the matrix is filled, mean {stats.GlobalMean:F2}★.");
        if (!data.Ratings.Users.TryGetIndex(userId, out _))
        {
            throw new UsageException($"--user {userId}: no such user in '{Path.Combine(directory, "ratings.csv")}' ({data.Ratings.Users.Count:N0} users, e.g. {data.Ratings.Users.GetId(0)}).");
        }

        RatingSplit split = RatingSplitter.Holdout(data.Ratings, new HoldoutOptions { TestFraction = 0.2, Seed = 42 });
        console.MarkupLine($"Seeded holdout (seed 42): {split.Train.Count:N0} ratings to train on, {split.Test.Count:N0} held out "
            + $"({split.Report.DroppedCount:N0} ratings of movies unseen in training dropped).");
        console.WriteLine();

        ComparisonResult comparison = ModelComparison.Run(console, data.Ratings, split);
        console.Write(new Rule("[bold]The models side by side (held-out ratings)[/]").LeftJustified());
        ComparisonTable.Show(console, comparison.Rows);
        console.MarkupLine("[grey]Biased MF is the talk's method with a bias per user and per movie: best at predicting stars. EASE learns[/]");
        console.MarkupLine("[grey]which movies go together from what people chose to rate: best at lists, so it makes the lists below.[/]");
        console.WriteLine();

        UserRecommendations.Show(console, data, comparison.Ease, userId);
        SimilarMovies.Show(console, data, comparison.Biased);
        NewUser.Show(console, data, comparison.Ease, comparison.Biased);
        return (data, comparison);
    }
}
