using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf data synth</c>: writes ratings from a planted model as LIBMF text.</summary>
internal static class SynthCommand
{
    public static Command Create(TextWriter output, Terminal terminal)
    {
        var users = new Option<int>("--users") { Description = "Users.", Required = true };
        var items = new Option<int>("--items") { Description = "Items.", Required = true };
        var ratings = new Option<long>("--ratings") { Description = "Ratings (distinct user-item pairs).", Required = true };
        var rank = new Option<int>("--rank") { Description = "Rank of the planted factors.", DefaultValueFactory = _ => 8 };
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed writes the same file.", DefaultValueFactory = _ => 1 };
        var noise = new Option<double?>("--noise") { Description = "Standard deviation of the added noise (default 0.5)." };
        var halfStars = new Option<bool>("--half-stars") { Description = "Round to half stars in [0.5, 5]." };
        var maxUsers = new Option<int?>("--max-users") { Description = "Refuse more users than this (default 10,000,000)." };
        var maxItems = new Option<int?>("--max-items") { Description = "Refuse more items than this (default 10,000,000)." };
        var maxRatings = new Option<long?>("--max-ratings") { Description = "Refuse more ratings than this (default 100,000,000, about 2 GB)." };
        var outPrefix = new Option<string>("--out") { Description = "Output prefix: writes PREFIX.txt (LIBMF text: user item rating); a name that already ends in .txt is used as it is.", Required = true };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var command = new Command("synth", "Generate synthetic ratings from a planted biased MF model (LIBMF text).")
        {
            users, items, ratings, rank, seed, noise, halfStars, maxUsers, maxItems, maxRatings, outPrefix, json, verbose, quiet,
        };
        command.SetAction(parse =>
        {
            string path = OutputPath(parse.GetValue(outPrefix)!);
            CommandFiles.Check([], [new("--out", path)]);
            using CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output);
            var defaults = new SyntheticOptions();
            var options = defaults with
            {
                Users = parse.GetValue(users),
                Items = parse.GetValue(items),
                Ratings = parse.GetValue(ratings),
                Rank = parse.GetValue(rank),
                Seed = parse.GetValue(seed),
                NoiseSd = parse.GetValue(noise) ?? defaults.NoiseSd,
                RoundToHalfStars = parse.GetValue(halfStars),
                MaxUsers = parse.GetValue(maxUsers) ?? defaults.MaxUsers,
                MaxItems = parse.GetValue(maxItems) ?? defaults.MaxItems,
                MaxRatings = parse.GetValue(maxRatings) ?? defaults.MaxRatings,
            };
            long start = Stopwatch.GetTimestamp();
            ProgressBar? bar = work.Begin($"synth {Path.GetFileName(path)}", options.Ratings);
            SyntheticFileSummary summary = new SyntheticRatingGenerator(options).WriteLibmf(path, bar is null ? null : new CountProgress(bar, "ratings"));
            bar?.Complete(string.Create(CultureInfo.InvariantCulture, $"{summary.Ratings:N0} ratings"));
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(work.Output, w =>
                {
                    w.WriteString("file", path);
                    w.WriteNumber("ratings", summary.Ratings);
                    w.WriteNumber("bytes", summary.Bytes);
                    w.WriteNumber("noiseFloorRmse", Math.Round(summary.NoiseFloorRmse, 6));
                    w.WriteNumber("seconds", Math.Round(seconds, 3));
                    w.WriteNumber("ratingsPerSecond", Math.Round(summary.Ratings / Math.Max(seconds, 1e-9)));
                });
            }
            else
            {
                work.Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Wrote {summary.Ratings:N0} ratings ({summary.Bytes:N0} bytes) to {path} in {seconds:F2} s; noise floor RMSE {summary.NoiseFloorRmse:F4}"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // A prefix names a file, so "out/" (which would write "out/.txt", a hidden file) is refused, and
    // "ratings.txt" is not turned into "ratings.txt.txt".
    private static string OutputPath(string prefix)
    {
        if (prefix.Length == 0 || prefix.EndsWith(Path.DirectorySeparatorChar) || prefix.EndsWith(Path.AltDirectorySeparatorChar) || Directory.Exists(prefix))
        {
            string example = Path.Combine(prefix.Length == 0 ? "." : prefix, "ratings");
            throw new UsageException($"--out '{prefix}' names a folder, not a file prefix; give one such as '{example}' (writes {example}.txt).");
        }

        return prefix.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? prefix : prefix + ".txt";
    }
}
