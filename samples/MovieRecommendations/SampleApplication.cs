using System.Diagnostics;
using System.Globalization;
using MatrixFactorization.Data;
using MovieRecommendations.MovieLens;
using MovieRecommendations.Plots;
using MovieRecommendations.Talk;
using Spectre.Console;

namespace MovieRecommendations;

/// <summary>The sample from arguments to exit code: the talk, then MovieLens, then the pictures.</summary>
internal static class SampleApplication
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        try
        {
            SampleOptions options = SampleOptions.Parse(args);
            if (options.Help)
            {
                output.WriteLine(SampleOptions.Usage);
                return 0;
            }

            string data = options.DataDirectory ?? DataLocator.Find(Path.Combine("data", "ml-latest-small"));
            MovieLensData.Check(data);
            if (options.Plots)
            {
                OutputFolder.Check(options.OutputDirectory, data);
            }

            IAnsiConsole console = SampleConsole.Create(output);
            TalkSection.Run(console);
            (MovieLensData movies, ComparisonResult comparison) = MovieLensSection.Run(console, data, options.UserId);
            if (options.Plots)
            {
                PlotSection.Run(console, movies, comparison, options.OutputDirectory);
            }

            console.MarkupLine($"[grey]Done in {clock.Elapsed.TotalSeconds:F1} s.[/]");
            return 0;
        }
        catch (Exception e) when (e is UsageException or RatingDataException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"MovieRecommendations: {e.Message}");
            return e is UsageException ? 2 : 1;
        }
    }
}
