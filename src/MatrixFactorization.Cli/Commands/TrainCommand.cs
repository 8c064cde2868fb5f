using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf train</c>: trains a model on a rating file, optionally evaluates and saves it.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output)
    {
        var train = new Option<string>("--train") { Description = "Training ratings file (any supported format, .gz too).", Required = true };
        var test = new Option<string?>("--test") { Description = "Test ratings file: RMSE and MAE are reported on it." };
        var format = CommonOptions.Format();
        var duplicates = CommonOptions.Duplicates();
        var skipBad = CommonOptions.SkipBadLines();
        var model = new Option<ModelChoice>("--model") { Description = "baseline, mf or biased.", DefaultValueFactory = _ => ModelChoice.Biased };
        var factors = new Option<int?>("--factors") { Description = "Latent factors k (default 128)." };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the data (default 100; baseline 10)." };
        var learningRate = new Option<float?>("--learning-rate") { Description = "SGD learning rate (default 0.005)." };
        var decay = new Option<float?>("--learning-rate-decay") { Description = "Per-epoch learning-rate multiplier in (0, 1] (default 1)." };
        var regularization = new Option<float?>("--regularization") { Description = "L2 regularization of the factors (default 0.1)." };
        var biasRegularization = new Option<float?>("--bias-regularization") { Description = "L2 regularization of the biases (default 0.02)." };
        var optimizer = new Option<SgdOptimizer?>("--optimizer") { Description = "sgd or adagrad (default sgd)." };
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var grid = new Option<int?>("--grid") { Description = "Blocks per side of the parallel grid (default 8)." };
        var seed = new Option<int?>("--seed") { Description = "Random seed (default 42)." };
        var noShuffle = new Option<bool>("--no-shuffle") { Description = "Keep ratings ordered by user within blocks (faster on large data)." };
        var save = new Option<string?>("--save") { Description = "Save the trained model to this file." };
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();

        var command = new Command("train", "Train a model on a rating file.")
        {
            train, test, format, duplicates, skipBad, model, factors, epochs, learningRate, decay, regularization, biasRegularization,
            optimizer, threads, grid, seed, noShuffle, save, json, verbose,
        };

        command.SetAction(parse =>
        {
            ModelChoice choice = parse.GetValue(model);
            LoadResult trainData = DataLoading.Load(parse.GetValue(train)!, parse.GetValue(format), parse.GetValue(duplicates), parse.GetValue(skipBad));
            string? testPath = parse.GetValue(test);
            LoadResult? testData = testPath is null ? null : DataLoading.Load(testPath, parse.GetValue(format), parse.GetValue(duplicates), parse.GetValue(skipBad));

            SgdOptions? sgd = null;
            if (choice != ModelChoice.Baseline)
            {
                SgdOptions defaults = choice == ModelChoice.Mf ? new MatrixFactorizationOptions() : new BiasedMatrixFactorizationOptions();
                sgd = defaults with
                {
                    Factors = parse.GetValue(factors) ?? defaults.Factors,
                    Epochs = parse.GetValue(epochs) ?? defaults.Epochs,
                    LearningRate = parse.GetValue(learningRate) ?? defaults.LearningRate,
                    LearningRateDecay = parse.GetValue(decay) ?? defaults.LearningRateDecay,
                    FactorRegularization = parse.GetValue(regularization) ?? defaults.FactorRegularization,
                    Optimizer = parse.GetValue(optimizer) ?? defaults.Optimizer,
                    Threads = parse.GetValue(threads) ?? defaults.Threads,
                    GridSize = parse.GetValue(grid) ?? defaults.GridSize,
                    Seed = parse.GetValue(seed) ?? defaults.Seed,
                    Shuffle = !parse.GetValue(noShuffle) && defaults.Shuffle,
                };
                if (sgd is BiasedMatrixFactorizationOptions biased && parse.GetValue(biasRegularization) is float br)
                {
                    sgd = biased with { BiasRegularization = br };
                }

                sgd.Validate();
            }

            var epochReports = new List<EpochReport>();
            var progress = new ListProgress(epochReports);
            long start = Stopwatch.GetTimestamp();
            IRatingModel trained = choice switch
            {
                ModelChoice.Baseline => new BaselineTrainer(new BaselineOptions { Epochs = parse.GetValue(epochs) ?? 10 }).Fit(trainData.Store),
                ModelChoice.Mf => new MatrixFactorizationTrainer((MatrixFactorizationOptions)sgd!).Fit(trainData.Store, progress: progress),
                _ => new BiasedMatrixFactorizationTrainer((BiasedMatrixFactorizationOptions)sgd!).Fit(trainData.Store, progress: progress),
            };
            double trainSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

            RatingAccuracy? accuracy = testData is null ? null : RatingMetrics.Evaluate(trained, testData.Store);
            string? savePath = parse.GetValue(save);
            if (savePath is not null)
            {
                ModelSerializer.Save(trained, savePath);
            }

            var summary = new TrainSummary(choice, sgd, trainData, trainSeconds, epochReports, accuracy, savePath);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(output, summary.WriteJson);
            }
            else
            {
                summary.WriteText(output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Collects epoch reports on the training thread.</summary>
    private sealed class ListProgress(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }

    private sealed record TrainSummary(
        ModelChoice Model,
        SgdOptions? Options,
        LoadResult Train,
        double TrainSeconds,
        List<EpochReport> Epochs,
        RatingAccuracy? Test,
        string? SavedTo)
    {
        private int EpochsRun => Options is null ? 0 : Epochs.Count;

        private int Threads => Options is null ? 1 : Math.Min(Options.EffectiveThreads, Options.GridSize);

        private double UpdatesPerSecondPerThread => Options is null || TrainSeconds == 0
            ? 0
            : (double)Train.Store.Count * EpochsRun / TrainSeconds / Threads;

        private double EpochSeconds => Epochs.Sum(e => e.Elapsed.TotalSeconds);

        public void WriteJson(Utf8JsonWriter w)
        {
            w.WriteString("model", Model.ToString().ToLowerInvariant());
            w.WriteNumber("factors", Options?.Factors ?? 0);
            w.WriteNumber("epochs", Options is null ? 0 : EpochsRun);
            w.WriteNumber("threads", Threads);
            w.WriteNumber("trainRatings", Train.Store.Count);
            w.WriteNumber("trainSeconds", Math.Round(TrainSeconds, 4));
            w.WriteNumber("epochSeconds", Math.Round(EpochSeconds, 4));
            w.WriteNumber("updatesPerSecondPerThread", Math.Round(UpdatesPerSecondPerThread));
            w.WriteNumber("loadSeconds", Math.Round(Train.Report.Elapsed.TotalSeconds, 4));
            if (Epochs.Count > 0)
            {
                w.WriteNumber("finalTrainingRmse", Math.Round(Epochs[^1].TrainingRmse, 6));
            }

            if (Test is not null)
            {
                w.WriteStartObject("test");
                w.WriteNumber("rmse", Math.Round(Test.Rmse, 6));
                w.WriteNumber("mae", Math.Round(Test.Mae, 6));
                w.WriteNumber("mse", Math.Round(Test.Mse, 6));
                w.WriteNumber("count", Test.Count);
                w.WriteNumber("fallbacks", Test.Fallbacks);
                w.WriteEndObject();
            }

            if (SavedTo is not null)
            {
                w.WriteString("savedTo", SavedTo);
            }
        }

        public void WriteText(TextWriter o)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(c, $"Trained {Model.ToString().ToLowerInvariant()} on {Train.Store.Count:N0} ratings in {TrainSeconds:F3} s"));
            if (Options is not null)
            {
                o.WriteLine(string.Create(c, $"  k = {Options.Factors}, {EpochsRun} epochs, {Threads} threads, {UpdatesPerSecondPerThread / 1e6:F1}M updates/s/thread, final training RMSE {Epochs[^1].TrainingRmse:F4}"));
            }

            if (Test is not null)
            {
                o.WriteLine(string.Create(c, $"Test: RMSE {Test.Rmse:F4}, MAE {Test.Mae:F4} over {Test.Count:N0} ratings ({Test.Fallbacks:N0} fallbacks)"));
            }

            if (SavedTo is not null)
            {
                o.WriteLine($"Saved to {SavedTo}");
            }
        }
    }
}
