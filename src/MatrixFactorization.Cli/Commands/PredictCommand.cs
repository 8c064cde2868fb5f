using System.CommandLine;
using System.Globalization;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// <c>mf predict</c>: the predicted rating of every rating line of a file, one a line in the
/// file's order (as LIBMF's mf-predict writes them), with the RMSE and MAE against the file's ratings.
/// </summary>
internal static class PredictCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var modelPath = new Option<string>("--model") { Description = "A rating model (baseline, mf, biased or neural) saved by 'mf train --save'.", Required = true };
        var test = new Option<string>("--test") { Description = "The (user, item, rating) lines to predict; headers and blank lines get no prediction.", Required = true };
        var outPath = new Option<string?>("--out")
        {
            Description = "Write the predictions here, one a line (default: standard output, with the summary on standard error).",
        };
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var command = new Command("predict", "Predict the rating of each line of a file, in its order, and report RMSE and MAE.")
        {
            modelPath, test, outPath, format, stringIds, json, verbose,
        };

        command.SetAction(parse =>
        {
            string? outFile = parse.GetValue(outPath);
            CommandFiles.Check([new("--model", parse.GetValue(modelPath)), new("--test", parse.GetValue(test))], [new("--out", outFile)]);
            ModelFile file = ModelSerializer.Open(parse.GetValue(modelPath)!);
            if (file.Model is not IRatingModel model)
            {
                throw new UsageException(
                    $"--model {parse.GetValue(modelPath)} holds a list model ({file.Kind}), which ranks items but predicts no ratings; "
                    + "mf predict needs a rating model: baseline, mf, biased or neural (use 'mf recommend' or 'mf evaluate' for list models).");
            }

            // KeepLast: a repeated pair is still one line to predict, and the store is only used for its id maps.
            LoadResult data = DataLoading.Load(parse.GetValue(test)!, parse.GetValue(format), DuplicatePolicy.KeepLast, false, stringIds: parse.GetValue(stringIds), keepFileOrder: true);
            LinePredictions predictions = LinePredictions.Compute(model, data.Store, data.FileOrder!);
            bool asJson = parse.GetValue(json);
            if (outFile is not null)
            {
                AtomicOutput.WriteText(outFile, w => predictions.WriteValues(w));
            }
            else if (!asJson)
            {
                predictions.WriteValues(output);
            }

            if (asJson)
            {
                JsonOutput.Write(output, w =>
                {
                    w.WriteNumber("count", predictions.Values.Length);
                    w.WriteNumber("rmse", Math.Round(predictions.Rmse, 6));
                    w.WriteNumber("mae", Math.Round(predictions.Mae, 6));
                    w.WriteStartObject("coldStart");
                    w.WriteNumber("unknownUser", predictions.UnknownUser);
                    w.WriteNumber("unknownItem", predictions.UnknownItem);
                    w.WriteNumber("unknownUserAndItem", predictions.UnknownBoth);
                    w.WriteString("rule", ColdStartRule);
                    w.WriteEndObject();
                    if (outFile is not null)
                    {
                        w.WriteString("outFile", outFile);
                    }
                    else
                    {
                        w.WriteStartArray("predictions");
                        foreach (float value in predictions.Values)
                        {
                            w.WriteNumberValue(value);
                        }

                        w.WriteEndArray();
                    }
                });
            }
            else
            {
                // Standard output holds the predictions alone when no --out is given.
                TextWriter summary = outFile is null ? error : output;
                CultureInfo c = CultureInfo.InvariantCulture;
                summary.WriteLine(string.Create(c, $"RMSE {predictions.Rmse:F4}, MAE {predictions.Mae:F4} over {predictions.Values.Length:N0} ratings{(outFile is null ? string.Empty : $"; predictions in {outFile}")}"));
                int cold = predictions.UnknownUser + predictions.UnknownItem + predictions.UnknownBoth;
                summary.WriteLine(cold == 0
                    ? "Every user and item was known to the model."
                    : string.Create(c, $"Cold start: {cold:N0} lines ({predictions.UnknownUser:N0} unknown user, {predictions.UnknownItem:N0} unknown item, {predictions.UnknownBoth:N0} both) predicted by {ColdStartRule}."));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The rule of <see cref="PredictionSource"/>, said once for the summary and the JSON.</summary>
    internal const string ColdStartRule =
        "the model's fallback: the global mean plus the known side's bias (for models with biases), else the global mean";
}
