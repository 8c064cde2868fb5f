using MovieRecommendations.MovieLens;
using Spectre.Console;

namespace MovieRecommendations.Plots;

/// <summary>Part 3: the learning curve and the movie map as PNG files.</summary>
internal static class PlotSection
{
    public const string LearningCurveFile = "learning-curve.png";

    public const string MovieMapFile = "movie-map.png";

    public static void Run(IAnsiConsole console, MovieLensData data, ComparisonResult comparison, string outputDirectory)
    {
        console.Write(new Rule("[bold]3. Pictures[/]").LeftJustified());
        string curve = ImageFile.Write(outputDirectory, LearningCurveFile, LearningCurvePlot.Draw(comparison.Curve));
        console.MarkupLine($"Learning curve ({comparison.Curve.Count} epochs of biased MF, training and held-out RMSE): [blue]{Markup.Escape(curve)}[/]");
        (byte[] png, double explained) = MovieMapPlot.Draw(data, comparison.Biased);
        string map = ImageFile.Write(outputDirectory, MovieMapFile, png);
        console.MarkupLine($"Movie map ({MovieMapPlot.Movies} most rated movies on the first two principal directions of the item factors, "
            + $"{100 * explained:F0}% of their spread): [blue]{Markup.Escape(map)}[/]");
        console.WriteLine();
    }
}
