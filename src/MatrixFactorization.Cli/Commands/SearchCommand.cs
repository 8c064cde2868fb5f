using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf search</c>: grid or random search over trainer options, each candidate cross-validated.</summary>
internal static class SearchCommand
{
    private const string RankingMetrics = "precision, recall, ndcg, meanaverageprecision, hitrate, meanreciprocalrank or catalogcoverage";

    public static Command Create(TextWriter output, Terminal terminal)
    {
        var train = new Option<string>("--train") { Description = "The ratings to search on.", Required = true };
        var folds = new Option<int>("--folds") { Description = "Folds per candidate (default 3).", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the folds (default 0).", DefaultValueFactory = _ => 0UL };
        var random = new Option<int?>("--random") { Description = "Try this many random combinations of the listed values instead of the whole grid." };
        var searchSeed = new Option<int>("--search-seed") { Description = "Seed of the random combinations (default 0).", DefaultValueFactory = _ => 0 };
        var metric = ChoiceOption.Optional(
            "--metric",
            $"Objective: rmse or mae (rating models only), {RankingMetrics} (default rmse for rating models, ndcg for list models).",
            Enum.GetValues<Metric>());
        var k = new Option<int>("--k") { Description = "K for ranking objectives (default 10).", DefaultValueFactory = _ => 10 };
        var threshold = new Option<float>("--threshold") { Description = "Relevance threshold for ranking objectives (default 4).", DefaultValueFactory = _ => 4f };
        var settings = new TrainerSettings(acceptsNeural: true);
        settings.Model.Description = SearchModels.ModelHelp;
        var models = new SearchModels(settings);
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var command = new Command("search", "Search trainer options by cross-validation; lists such as --factors 16,32 are the axes.")
        {
            train, folds, seed, random, searchSeed, metric, k, threshold, format, stringIds, json, verbose, quiet,
        };
        foreach (Option option in settings.All.Concat(models.Extra))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            CommandFiles.Check([new("--train", parse.GetValue(train))], []);
            string model = SearchModels.Name(parse.GetValue(settings.Model));
            bool listModel = settings.IsListModel(parse);
            Metric objective = parse.GetValue(metric) ?? (listModel ? Metric.Ndcg : Metric.Rmse);
            bool byError = objective is Metric.Rmse or Metric.Mae;
            if (listModel && byError)
            {
                throw new UsageException(
                    $"--metric {CrossValidateCommand.Name(objective)}: {model} ranks items and predicts no ratings; rank it by {RankingMetrics} (default ndcg).");
            }

            SearchPlan plan = models.Plan(parse, parse.GetValue(random), parse.GetValue(searchSeed));
            using CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output);
            RatingStore data = DataLoading.Load(parse.GetValue(train)!, parse.GetValue(format), DuplicatePolicy.Error, false, progress: work, stringIds: parse.GetValue(stringIds)).Store;
            var cv = new CrossValidationOptions
            {
                Folds = parse.GetValue(folds),
                Seed = parse.GetValue(seed),
                Ranking = byError ? null : new RankingOptions { K = parse.GetValue(k), RelevanceThreshold = parse.GetValue(threshold) },
            };
            string objectiveName = CrossValidateCommand.Name(objective);
            string by = cv.Ranking is null ? objectiveName : $"{objectiveName}@{cv.Ranking.K}";
            SearchProgress? shown = SearchProgress.Start(work, plan.Candidates, cv.Folds * cv.Repeats, by, byError);
            IReadOnlyList<RankedCandidate> ranked = plan.Run(data, objective, cv, shown);
            shown?.Complete();
            if (parse.GetValue(json))
            {
                JsonOutput.Write(work.Output, w =>
                {
                    w.WriteString("model", model);
                    w.WriteString("objective", objectiveName);
                    if (cv.Ranking is not null)
                    {
                        w.WriteNumber("k", cv.Ranking.K);
                    }

                    w.WriteNumber("folds", cv.Folds);
                    w.WriteNumber("candidates", ranked.Count);
                    w.WriteStartArray("ranked");
                    foreach (RankedCandidate candidate in ranked)
                    {
                        w.WriteStartObject();
                        w.WriteStartObject("settings");
                        foreach (KeyValuePair<string, object?> s in candidate.Settings)
                        {
                            WriteValue(w, s.Key, s.Value);
                        }

                        w.WriteEndObject();
                        w.WriteNumber("objective", Math.Round(candidate.Objective, 6));
                        w.WriteNumber("sd", Math.Round(candidate.StandardDeviation, 6));
                        CrossValidateCommand.WriteSummary(w, candidate.CrossValidation);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                work.Output.WriteLine($"{ranked.Count} {(ranked.Count == 1 ? "candidate" : "candidates")} of {model} by {by}, best first:");
                SearchTable.Write(work.Output, ranked, by, terminal.OutputIsTerminal);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    // Numbers stay numbers, so a reader of the JSON need not parse text back.
    private static void WriteValue(Utf8JsonWriter w, string name, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNull(name);
                break;
            case int i:
                w.WriteNumber(name, i);
                break;
            case float f:
                w.WriteNumber(name, f);
                break;
            case double d:
                w.WriteNumber(name, d);
                break;
            default:
                w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
