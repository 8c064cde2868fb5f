namespace MovieRecommendations;

/// <summary>What the command line asked for.</summary>
/// <param name="DataDirectory">The MovieLens folder (ratings.csv and movies.csv), or null to find the bundled one.</param>
/// <param name="UserId">The user whose recommendations are shown.</param>
/// <param name="Plots">Whether to draw the PNGs.</param>
/// <param name="OutputDirectory">Where the PNGs go.</param>
/// <param name="Help">Whether only the usage was asked for.</param>
internal sealed record SampleOptions(string? DataDirectory, string UserId, bool Plots, string OutputDirectory, bool Help)
{
    /// <summary>The folder the PNGs go to when --out is not given, under the current directory.</summary>
    public const string DefaultOutputDirectory = "movie-recommendations-output";

    public const string Usage = """
        Usage: MovieRecommendations [--data DIR] [--user ID] [--no-plots] [--out DIR]

          --data DIR   MovieLens folder with ratings.csv and movies.csv (default: the bundled data/ml-latest-small)
          --user ID    the user to recommend to (default: 1)
          --no-plots   skip the learning curve and movie map PNGs
          --out DIR    folder for the PNGs (default: ./movie-recommendations-output); never the data folder
          --help       this text
        """;

    /// <summary>Reads the arguments; a mistake throws <see cref="UsageException"/> saying which argument and why.</summary>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        string? data = null;
        string user = "1";
        bool plots = true;
        string output = DefaultOutputDirectory;
        bool help = false;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--data":
                    data = ValueOf(args, ref i);
                    break;
                case "--user":
                    user = ValueOf(args, ref i);
                    break;
                case "--out":
                    output = ValueOf(args, ref i);
                    break;
                case "--no-plots":
                    plots = false;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    throw new UsageException($"Unknown argument '{args[i]}' (argument {i + 1}). Run with --help for the options.");
            }
        }

        return new SampleOptions(data, user, plots, output, help);
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        string name = args[i];
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal) || args[i + 1].Length == 0)
        {
            throw new UsageException($"{name} needs a value (argument {i + 1}), e.g. {name} {(name == "--user" ? "1" : "some-folder")}.");
        }

        return args[++i];
    }
}
