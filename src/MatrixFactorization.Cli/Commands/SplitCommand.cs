using System.CommandLine;
using System.Globalization;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf data split FILE</c>: writes a train and a test file.</summary>
internal static class SplitCommand
{
    public static Command Create(TextWriter output, Terminal terminal)
    {
        var file = new Argument<string>("file") { Description = "A rating file." };
        var method = ChoiceOption.Create("--method", "holdout, kfold, peruser or temporal.", SplitMethod.Holdout, Enum.GetValues<SplitMethod>());
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed gives the same split.", DefaultValueFactory = _ => 1 };
        var fraction = new Option<double?>("--test-fraction") { Description = "Test fraction (holdout default 0.2; temporal: the latest fraction)." };
        var folds = new Option<int>("--folds") { Description = "k for kfold.", DefaultValueFactory = _ => 5 };
        var fold = new Option<int>("--fold") { Description = "Which kfold fold (0-based) becomes the test set.", DefaultValueFactory = _ => 0 };
        var testCount = new Option<int?>("--test-count") { Description = "peruser: ratings per user held out (leave-k-out); temporal --per-user: each user's last k." };
        var minRatings = new Option<int?>("--min-ratings") { Description = "peruser: users with fewer ratings stay wholly in train." };
        var perUser = new Option<bool>("--per-user") { Description = "temporal: hold out each user's latest ratings instead of a global cut-off." };
        var cutoff = new Option<long?>("--cutoff") { Description = "temporal: ratings at or after this Unix time go to test." };
        var coldStart = ChoiceOption.Create("--cold-start", "Test ratings of users or items absent from train: drop or keep.", ColdStartPolicy.Drop, Enum.GetValues<ColdStartPolicy>());
        var outTrain = new Option<string>("--out-train") { Description = $"Train output ({RatingSnapshot.Extension}: binary snapshot; .csv: MovieLens csv; otherwise LIBMF text).", Required = true };
        var outTest = new Option<string>("--out-test") { Description = $"Test output ({RatingSnapshot.Extension}: binary snapshot; .csv: MovieLens csv; otherwise LIBMF text).", Required = true };
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var duplicates = CommonOptions.Duplicates();
        var skipBad = CommonOptions.SkipBadLines();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var command = new Command("split", "Split a rating file into train and test files.")
        {
            file, method, seed, fraction, folds, fold, testCount, minRatings, perUser, cutoff, coldStart, outTrain, outTest, format, stringIds, duplicates, skipBad, json, verbose, quiet,
        };
        command.SetAction(parse =>
        {
            CommandFiles.Check([new("<file>", parse.GetValue(file))], [new("--out-train", parse.GetValue(outTrain)), new("--out-test", parse.GetValue(outTest))]);
            LoadResult data;
            using (CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output))
            {
                data = DataLoading.Load(parse.GetValue(file)!, parse.GetValue(format), parse.GetValue(duplicates), parse.GetValue(skipBad), progress: work, stringIds: parse.GetValue(stringIds));
            }

            ulong s = parse.GetValue(seed);
            ColdStartPolicy cold = parse.GetValue(coldStart);
            SplitMethod m = parse.GetValue(method);
            RatingSplit split = m switch
            {
                SplitMethod.Holdout => RatingSplitter.Holdout(data.Store, new HoldoutOptions { Seed = s, ColdStart = cold, TestFraction = parse.GetValue(fraction) ?? 0.2 }),
                SplitMethod.KFold => KFold(data.Store, s, cold, parse.GetValue(folds), parse.GetValue(fold)),
                SplitMethod.PerUser => RatingSplitter.PerUser(data.Store, PerUser(s, cold, parse.GetValue(testCount), parse.GetValue(fraction), parse.GetValue(minRatings))),
                _ => parse.GetValue(perUser)
                    ? RatingSplitter.PerUserTemporal(data.Store, PerUser(s, cold, parse.GetValue(testCount), parse.GetValue(fraction), parse.GetValue(minRatings)))
                    : RatingSplitter.Temporal(data.Store, Temporal(s, cold, parse.GetValue(fraction), parse.GetValue(cutoff))),
            };

            string trainPath = parse.GetValue(outTrain)!;
            string testPath = parse.GetValue(outTest)!;
            Write(split.Train, trainPath);
            Write(split.Test, testPath);
            SplitReport r = split.Report;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("method", m.ToString().ToLowerInvariant());
                    w.WriteNumber("ratings", data.Store.Count);
                    w.WriteNumber("train", r.TrainCount);
                    w.WriteNumber("test", r.TestCount);
                    w.WriteString("coldStart", r.ColdStart.ToString().ToLowerInvariant());
                    w.WriteNumber("coldRatings", r.ColdRatings);
                    w.WriteNumber("coldUsers", r.ColdUsers);
                    w.WriteNumber("coldItems", r.ColdItems);
                    w.WriteNumber("dropped", r.DroppedCount);
                    w.WriteNumber("usersBelowMinimum", r.UsersBelowMinimum);
                    w.WriteString("trainFile", trainPath);
                    w.WriteString("testFile", testPath);
                });
            }
            else
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{m.ToString().ToLowerInvariant()}: {r.TrainCount:N0} train -> {trainPath}, {r.TestCount:N0} test -> {testPath}; {r.ColdRatings:N0} cold test ratings ({r.ColdStart.ToString().ToLowerInvariant()}), {r.UsersBelowMinimum:N0} users kept in train"));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static RatingSplit KFold(RatingStore store, ulong seed, ColdStartPolicy cold, int folds, int fold)
    {
        if (fold < 0 || fold >= folds)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--fold must be in [0, {folds - 1}] for --folds {folds}; got {fold}."));
        }

        return RatingSplitter.KFold(store, new KFoldOptions { Seed = seed, ColdStart = cold, Folds = folds }).ElementAt(fold);
    }

    private static PerUserOptions PerUser(ulong seed, ColdStartPolicy cold, int? count, double? fraction, int? minRatings)
    {
        var options = new PerUserOptions { Seed = seed, ColdStart = cold };
        if (count is int k)
        {
            // Leave-k-out needs k + 1 ratings for a user to keep one in train; raise the default
            // minimum to match rather than make the user spell it out.
            options = options with { TestCount = k, MinRatings = Math.Max(options.MinRatings, k + 1) };
        }

        if (fraction is double f)
        {
            options = options with { TestFraction = f };
        }

        if (minRatings is int min)
        {
            options = options with { MinRatings = min };
        }

        return options;
    }

    private static TemporalOptions Temporal(ulong seed, ColdStartPolicy cold, double? fraction, long? cutoff)
    {
        var options = new TemporalOptions { Seed = seed, ColdStart = cold };
        if (fraction is double f)
        {
            options = options with { TestFraction = f };
        }

        return cutoff is long c ? options with { Cutoff = c } : options;
    }

    private static void Write(RatingStore store, string path)
    {
        // A file named like a snapshot must be one: every command detects snapshots by content,
        // so text under that name would still load, but far slower than its name promises.
        if (path.EndsWith(RatingSnapshot.Extension, StringComparison.OrdinalIgnoreCase))
        {
            RatingSnapshot.Write(store, path);
        }
        else if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            RatingWriter.WriteMovieLens(store, path);
        }
        else
        {
            RatingWriter.WriteLibmf(store, path);
        }
    }
}
