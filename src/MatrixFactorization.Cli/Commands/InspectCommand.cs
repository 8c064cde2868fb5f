using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf data inspect FILE</c>: counts, scale, sparsity, duplicates and load speed.</summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output, Terminal terminal)
    {
        var file = new Argument<string>("file") { Description = "A rating file (MovieLens csv, u.data, ratings.dat, LIBMF text, delimited; .gz too)." };
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var duplicates = CommonOptions.Duplicates();
        var skipBad = CommonOptions.SkipBadLines();
        var threads = new Option<int>("--threads") { Description = "Threads the load may use (default all cores; 1 loads on one thread).", DefaultValueFactory = _ => 0 };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var command = new Command("inspect", "Load a rating file and describe it.") { file, format, stringIds, duplicates, skipBad, threads, json, verbose, quiet };
        command.SetAction(parse =>
        {
            CommandFiles.Check([new("<file>", parse.GetValue(file))], []);
            if (parse.GetValue(threads) < 0)
            {
                throw new UsageException("--threads must be 0 (all cores) or more.");
            }

            LoadResult result;
            using (CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output))
            {
                result = DataLoading.Load(parse.GetValue(file)!, parse.GetValue(format), parse.GetValue(duplicates), parse.GetValue(skipBad), parse.GetValue(threads), progress: work, stringIds: parse.GetValue(stringIds));
            }

            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w => WriteJson(w, result));
            }
            else
            {
                WriteText(output, result);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(Utf8JsonWriter w, LoadResult result)
    {
        RatingStore store = result.Store;
        RatingStatistics stats = store.Statistics;
        LoadReport report = result.Report;
        w.WriteString("file", report.SourceName);
        w.WriteString("format", report.Format.ToString().ToLowerInvariant());
        w.WriteNumber("ratings", store.Count);
        w.WriteNumber("users", stats.UsersWithRatings);
        w.WriteNumber("items", stats.ItemsWithRatings);
        w.WriteNumber("globalMean", Math.Round(stats.GlobalMean, 6));
        w.WriteStartObject("scale");
        w.WriteNumber("min", stats.Scale.Min);
        w.WriteNumber("max", stats.Scale.Max);
        if (stats.Scale.Step is float step)
        {
            w.WriteNumber("step", step);
        }
        else
        {
            w.WriteNull("step");
        }

        w.WriteEndObject();
        w.WriteNumber("density", stats.Density);
        w.WriteNumber("sparsity", stats.Sparsity);
        w.WriteBoolean("timestamps", store.HasTimestamps);
        w.WriteNumber("linesRead", report.LinesRead);
        w.WriteNumber("linesSkipped", report.LinesSkipped);
        w.WriteNumber("duplicatesResolved", report.DuplicatesResolved);
        w.WriteNumber("duplicatePairs", report.DuplicatePairs);
        w.WriteNumber("loadSeconds", Math.Round(report.Elapsed.TotalSeconds, 6));
        w.WriteNumber("ratingsPerSecond", Math.Round(report.RatingsPerSecond));
        w.WriteNumber("storeBytes", store.SizeInBytes);
        w.WriteNumber("bytesPerRating", store.Count == 0 ? 0 : Math.Round((double)store.SizeInBytes / store.Count, 3));
        w.WriteStartArray("errors");
        foreach (LoadError error in report.Errors)
        {
            w.WriteStringValue(error.ToString());
        }

        w.WriteEndArray();
    }

    private static void WriteText(TextWriter o, LoadResult result)
    {
        RatingStore store = result.Store;
        RatingStatistics stats = store.Statistics;
        LoadReport report = result.Report;
        CultureInfo c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"{report.SourceName} ({report.Format.ToString().ToLowerInvariant()})"));
        o.WriteLine(string.Create(c, $"  ratings   {store.Count:N0} from {stats.UsersWithRatings:N0} users on {stats.ItemsWithRatings:N0} items"));
        o.WriteLine(string.Create(c, $"  scale     {stats.Scale}, mean {stats.GlobalMean:F4}"));
        o.WriteLine(string.Create(c, $"  density   {stats.Density:P4} (sparsity {stats.Sparsity:P4})"));
        o.WriteLine(string.Create(c, $"  lines     {report.LinesRead:N0} read, {report.LinesSkipped:N0} skipped, {report.DuplicatesResolved:N0} duplicates resolved"));
        o.WriteLine(string.Create(c, $"  load      {report.Elapsed.TotalMilliseconds:F1} ms, {report.RatingsPerSecond / 1e6:F1}M ratings/s"));
        o.WriteLine(string.Create(c, $"  memory    {store.SizeInBytes:N0} bytes ({(store.Count == 0 ? 0 : (double)store.SizeInBytes / store.Count):F2} per rating)"));
        foreach (LoadError error in report.Errors)
        {
            o.WriteLine($"  skipped   {error}");
        }
    }
}
