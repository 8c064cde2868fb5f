using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf evaluate</c>: rating errors and top-K ranking metrics of a saved model on a test file.</summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output, Terminal terminal)
    {
        var modelPath = new Option<string>("--model") { Description = "A model saved by 'mf train --save'.", Required = true };
        var test = new Option<string>("--test") { Description = "Held-out ratings.", Required = true };
        var train = new Option<string?>("--train") { Description = "The training ratings, so items users already rated are left out of their lists (recommended)." };
        var k = new Option<int>("--k") { Description = "List length K (default 10).", DefaultValueFactory = _ => 10 };
        var threshold = new Option<float>("--threshold") { Description = "A test rating at or above this is relevant (default 4).", DefaultValueFactory = _ => 4f };
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();
        var floor = ItemRatingFloor.Option();
        var command = new Command("evaluate", "Evaluate a saved model on held-out ratings: RMSE, MAE and ranking metrics at K.")
        {
            modelPath, test, train, k, threshold, floor, format, stringIds, json, verbose, quiet,
        };

        command.SetAction(parse =>
        {
            CommandFiles.Check([new("--model", parse.GetValue(modelPath)), new("--test", parse.GetValue(test)), new("--train", parse.GetValue(train))], []);
            IScoringModel model = ModelSerializer.Load(parse.GetValue(modelPath)!);
            RatingStore testStore;
            RatingStore? trainStore;
            using (CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output))
            {
                testStore = DataLoading.Load(parse.GetValue(test)!, parse.GetValue(format), DuplicatePolicy.KeepLast, false, progress: work, stringIds: parse.GetValue(stringIds)).Store;
                string? trainPath = parse.GetValue(train);
                trainStore = trainPath is null ? null : DataLoading.Load(trainPath, parse.GetValue(format), DuplicatePolicy.KeepLast, false, progress: work, stringIds: parse.GetValue(stringIds)).Store;
            }

            var ranking = new RankingOptions { K = parse.GetValue(k), RelevanceThreshold = parse.GetValue(threshold) };

            RatingAccuracy? accuracy = model is IRatingModel rating ? RatingMetrics.Evaluate(rating, testStore) : null;
            int minimumItemRatings = ItemRatingFloor.Resolve(parse.GetValue(floor), model, trainStore);
            RankingAccuracy ranked = RankingMetrics.Evaluate(new Recommender(model, trainStore, minimumItemRatings), testStore, ranking);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, w =>
                {
                    if (accuracy is not null)
                    {
                        w.WriteNumber("rmse", Math.Round(accuracy.Rmse, 6));
                        w.WriteNumber("mae", Math.Round(accuracy.Mae, 6));
                        w.WriteNumber("count", accuracy.Count);
                        w.WriteNumber("fallbacks", accuracy.Fallbacks);
                    }

                    w.WriteBoolean("excludedTrainingItems", trainStore is not null);
                    w.WriteNumber("minItemRatings", minimumItemRatings);
                    WriteRanking(w, ranked, ranking.RelevanceThreshold);
                });
            }
            else
            {
                CultureInfo c = CultureInfo.InvariantCulture;
                if (accuracy is not null)
                {
                    output.WriteLine(string.Create(c, $"RMSE {accuracy.Rmse:F4}, MAE {accuracy.Mae:F4} over {accuracy.Count:N0} ratings ({accuracy.Fallbacks:N0} fallbacks)"));
                }

                string floorText = minimumItemRatings > 0 ? string.Create(c, $"; items with fewer than {minimumItemRatings:N0} ratings left out") : string.Empty;
                output.WriteLine(string.Create(c, $"At K = {ranked.K} (relevant: rating ≥ {ranking.RelevanceThreshold}{floorText}), {ranked.UsersEvaluated:N0} users ({ranked.ColdStartUsers:N0} cold start):"));
                output.WriteLine(string.Create(c, $"  precision {ranked.Precision:F4}  recall {ranked.Recall:F4}  NDCG {ranked.Ndcg:F4}  MAP {ranked.MeanAveragePrecision:F4}"));
                output.WriteLine(string.Create(c, $"  hit rate {ranked.HitRate:F4}  MRR {ranked.MeanReciprocalRank:F4}  catalog coverage {ranked.CatalogCoverage:F4}"));
                if (trainStore is null)
                {
                    output.WriteLine("  (no --train given: items users rated in training were not left out of their lists)");
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static void WriteRanking(Utf8JsonWriter w, RankingAccuracy r, float threshold)
    {
        w.WriteStartObject("ranking");
        w.WriteNumber("k", r.K);
        w.WriteNumber("relevanceThreshold", threshold);
        w.WriteNumber("usersEvaluated", r.UsersEvaluated);
        w.WriteNumber("coldStartUsers", r.ColdStartUsers);
        w.WriteNumber("precision", Math.Round(r.Precision, 6));
        w.WriteNumber("recall", Math.Round(r.Recall, 6));
        w.WriteNumber("ndcg", Math.Round(r.Ndcg, 6));
        w.WriteNumber("map", Math.Round(r.MeanAveragePrecision, 6));
        w.WriteNumber("hitRate", Math.Round(r.HitRate, 6));
        w.WriteNumber("mrr", Math.Round(r.MeanReciprocalRank, 6));
        w.WriteNumber("catalogCoverage", Math.Round(r.CatalogCoverage, 6));
        w.WriteEndObject();
    }
}
