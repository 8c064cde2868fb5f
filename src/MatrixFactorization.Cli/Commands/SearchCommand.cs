using System.CommandLine;
using System.Globalization;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf search</c>: grid or random search over trainer options, each candidate cross-validated.</summary>
internal static class SearchCommand
{
    public static Command Create(TextWriter output)
    {
        var train = new Option<string>("--train") { Description = "The ratings to search on.", Required = true };
        var folds = new Option<int>("--folds") { Description = "Folds per candidate (default 3).", DefaultValueFactory = _ => 3 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the folds (default 0).", DefaultValueFactory = _ => 0UL };
        var random = new Option<int?>("--random") { Description = "Try this many random combinations of the listed values instead of the whole grid." };
        var searchSeed = new Option<int>("--search-seed") { Description = "Seed of the random combinations (default 0).", DefaultValueFactory = _ => 0 };
        var metric = ChoiceOption.Create("--metric", "Objective: an error (rmse, mae) or a ranking metric at --k.", Metric.Rmse, Enum.GetValues<Metric>());
        var k = new Option<int>("--k") { Description = "K for ranking objectives (default 10).", DefaultValueFactory = _ => 10 };
        var threshold = new Option<float>("--threshold") { Description = "Relevance threshold for ranking objectives (default 4).", DefaultValueFactory = _ => 4f };
        var settings = new TrainerSettings();
        var format = CommonOptions.Format();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("search", "Search trainer options by cross-validation; lists such as --factors 16,32 are the axes.")
        {
            train, folds, seed, random, searchSeed, metric, k, threshold, format, json, verbose,
        };
        foreach (Option option in settings.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            CommandFiles.Check([new("--train", parse.GetValue(train))], []);
            if (parse.GetValue(settings.Model) is not (ModelChoice.Mf or ModelChoice.Biased))
            {
                throw new UsageException("search covers the mf and biased models.");
            }

            RatingStore data = DataLoading.Load(parse.GetValue(train)!, parse.GetValue(format), DuplicatePolicy.Error, false).Store;
            var space = new SearchSpace<SgdOptions>((SgdOptions)settings.BaseOptions(parse));
            AddAxis(space, "factors", TrainerSettings.Ints(parse, settings.Factors), (o, v) => o with { FactorCount = v });
            AddAxis(space, "epochs", TrainerSettings.Ints(parse, settings.Epochs), (o, v) => o with { Epochs = v });
            AddAxis(space, "learningRate", TrainerSettings.Floats(parse, settings.LearningRate), (o, v) => o with { LearningRate = v });
            AddAxis(space, "regularization", TrainerSettings.Floats(parse, settings.Regularization), (o, v) => o with { FactorRegularization = v });
            if (space.BaseOptions is BiasedMatrixFactorizationOptions)
            {
                AddAxis(space, "biasRegularization", TrainerSettings.Floats(parse, settings.BiasRegularization), (o, v) => ((BiasedMatrixFactorizationOptions)o) with { BiasRegularization = v });
            }

            IReadOnlyList<SearchCandidate<SgdOptions>> candidates = parse.GetValue(random) is int count
                ? space.Random(count, parse.GetValue(searchSeed))
                : space.Grid();
            Metric objective = parse.GetValue(metric);
            var cv = new CrossValidationOptions
            {
                Folds = parse.GetValue(folds),
                Seed = parse.GetValue(seed),
                Ranking = objective is Metric.Rmse or Metric.Mae ? null : new RankingOptions { K = parse.GetValue(k), RelevanceThreshold = parse.GetValue(threshold) },
            };
            SearchResult<SgdOptions> result = HyperparameterSearch.Run(data, candidates, (o, store) => TrainerSettings.Fit(o, store), objective, cv);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteString("objective", CrossValidateCommand.Name(objective));
                    w.WriteNumber("candidates", result.Trials.Count);
                    w.WriteStartArray("ranked");
                    foreach (SearchTrial<SgdOptions> trial in result.Trials)
                    {
                        w.WriteStartObject();
                        w.WriteStartObject("settings");
                        foreach (KeyValuePair<string, string> s in trial.Candidate.Settings)
                        {
                            w.WriteString(s.Key, s.Value);
                        }

                        w.WriteEndObject();
                        w.WriteNumber("objective", Math.Round(trial.Objective, 6));
                        w.WriteNumber("sd", Math.Round(trial.ObjectiveStandardDeviation, 6));
                        CrossValidateCommand.WriteSummary(w, trial.CrossValidation);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                CultureInfo c = CultureInfo.InvariantCulture;
                output.WriteLine($"{result.Trials.Count} candidates by {CrossValidateCommand.Name(objective)}, best first:");
                foreach (SearchTrial<SgdOptions> trial in result.Trials)
                {
                    output.WriteLine(string.Create(c, $"  {trial.Objective:F4} ± {trial.ObjectiveStandardDeviation:F4}  {trial.Candidate}"));
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void AddAxis<T>(SearchSpace<SgdOptions> space, string name, T[] values, Func<SgdOptions, T, SgdOptions> apply)
    {
        if (values.Length > 0)
        {
            space.Add(name, values, apply);
        }
    }
}
