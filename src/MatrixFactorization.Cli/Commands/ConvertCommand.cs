using System.CommandLine;
using System.Globalization;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf data convert FILE --out X.mfr</c>: writes a binary snapshot, which every command reads far faster than text.</summary>
internal static class ConvertCommand
{
    public static Command Create(TextWriter output, Terminal terminal)
    {
        var file = new Argument<string>("file") { Description = "A rating file in any format the commands read (a snapshot too)." };
        var outPath = new Option<string>("--out") { Description = $"The snapshot to write (usually {RatingSnapshot.Extension}).", Required = true };
        var format = CommonOptions.Format();
        var duplicates = CommonOptions.Duplicates();
        var skipBad = CommonOptions.SkipBadLines();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var command = new Command("convert", "Convert a rating file to a binary snapshot for fast loading.")
        {
            file, outPath, format, duplicates, skipBad, json, verbose, quiet,
        };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(file)!;
            string target = parse.GetValue(outPath)!;
            CommandFiles.Check([new("<file>", input)], [new("--out", target)]);
            using CommandProgress work = terminal.StartProgress(parse.GetValue(quiet) || parse.GetValue(json), output);
            LoadResult data = DataLoading.Load(input, parse.GetValue(format), parse.GetValue(duplicates), parse.GetValue(skipBad), progress: work);
            RatingSnapshot.Write(data.Store, target);
            long bytes = new FileInfo(target).Length;
            RatingStore store = data.Store;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("file", input);
                    w.WriteString("format", data.Report.Format.ToString().ToLowerInvariant());
                    w.WriteNumber("ratings", store.Count);
                    w.WriteNumber("users", store.UserCount);
                    w.WriteNumber("items", store.ItemCount);
                    w.WriteBoolean("timestamps", store.HasTimestamps);
                    w.WriteString("out", target);
                    w.WriteNumber("bytes", bytes);
                });
            }
            else
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{data.Report.Format.ToString().ToLowerInvariant()} {input}: {store.Count:N0} ratings, {store.UserCount:N0} users, {store.ItemCount:N0} items{(store.HasTimestamps ? ", timestamps" : string.Empty)} -> {target} ({bytes:N0} bytes)"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
