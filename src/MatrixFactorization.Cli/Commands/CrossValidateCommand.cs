using System.CommandLine;
using System.Text.Json;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf cv</c>: repeated k-fold cross-validation of one trainer configuration.</summary>
internal static class CrossValidateCommand
{
    public static Command Create(TextWriter output, Terminal terminal)
    {
        var train = new Option<string>("--train") { Description = "The ratings to cross-validate on.", Required = true };
        var folds = new Option<int>("--folds") { Description = "Folds (default 5).", DefaultValueFactory = _ => 5 };
        var repeats = new Option<int>("--repeats") { Description = "Repetitions with fresh folds (default 1).", DefaultValueFactory = _ => 1 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the folds (default 0).", DefaultValueFactory = _ => 0UL };
        var k = new Option<int?>("--k") { Description = "Also report ranking metrics at this K." };
        var threshold = new Option<float>("--threshold") { Description = "Relevance threshold for ranking metrics (default 4).", DefaultValueFactory = _ => 4f };
        var settings = new TrainerSettings();
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var command = new Command("cv", "Cross-validate a trainer: mean and standard deviation of each metric over folds.")
        {
            train, folds, repeats, seed, k, threshold, format, stringIds, json, verbose, quiet,
        };
        foreach (Option option in settings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            CommandFiles.Check([new("--train", parse.GetValue(train))], []);
            using CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output);

            // A list model predicts no ratings: it is scored by its lists, at K = 10 unless told.
            int? cutoff = parse.GetValue(k) ?? (settings.IsListModel(parse) ? 10 : null);
            var options = new CrossValidationOptions
            {
                Folds = parse.GetValue(folds),
                Repeats = parse.GetValue(repeats),
                Seed = parse.GetValue(seed),
                Ranking = cutoff is int cut ? new RankingOptions { K = cut, RelevanceThreshold = parse.GetValue(threshold) } : null,
            };
            FoldProgress? shown = FoldProgress.Start(
                work, options.Folds * options.Repeats, ModelEpochs.Planned(parse.GetValue(settings.Model), TrainerSettings.Ints(parse, settings.Epochs) is [int e, ..] ? e : null));
            Func<RatingStore, IScoringModel> fit = settings.Fitter(parse, shown);

            // The settings are checked above, so a usage error comes before a long read.
            RatingStore data = DataLoading.Load(parse.GetValue(train)!, parse.GetValue(format), DuplicatePolicy.Error, false, progress: work, stringIds: parse.GetValue(stringIds)).Store;
            CrossValidationResult result = CrossValidation.Run(data, shown?.Around(fit) ?? fit, options);
            shown?.Complete();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(work.Output, w =>
                {
                    w.WriteString("model", parse.GetValue(settings.Model).ToString().ToLowerInvariant());
                    w.WriteNumber("folds", options.Folds);
                    w.WriteNumber("repeats", options.Repeats);
                    WriteSummary(w, result);
                    FoldTable.WriteJson(w, result);
                });
            }
            else
            {
                work.Output.WriteLine($"{options.Repeats} × {options.Folds}-fold cross-validation of {parse.GetValue(settings.Model).ToString().ToLowerInvariant()}:");
                FoldTable.Write(work.Output, result, options.Repeats, terminal.OutputIsTerminal);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static string Name(Metric metric) => metric switch
    {
        Metric.MeanAveragePrecision => "map",
        Metric.HitRate => "hitRate",
        Metric.MeanReciprocalRank => "mrr",
        Metric.CatalogCoverage => "catalogCoverage",
        _ => metric.ToString().ToLowerInvariant(),
    };

    internal static void WriteSummary(Utf8JsonWriter w, CrossValidationResult result)
    {
        w.WriteStartObject("metrics");
        foreach (MetricSummary m in result.Metrics)
        {
            w.WriteStartObject(Name(m.Metric));
            w.WriteNumber("mean", Math.Round(m.Mean, 6));
            w.WriteNumber("sd", Math.Round(m.StandardDeviation, 6));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("fitSeconds");
        w.WriteNumber("mean", Math.Round(result.FitSecondsMean, 4));
        w.WriteNumber("sd", Math.Round(result.FitSecondsStandardDeviation, 4));
        w.WriteEndObject();
    }
}
