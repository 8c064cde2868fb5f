using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf train</c>: trains a model on a rating file, optionally evaluates and saves it.</summary>
internal static class TrainCommand
{
    public static Command Create(TextWriter output, Terminal terminal)
    {
        var train = new Option<string>("--train") { Description = "Training ratings file (any supported format, .gz too).", Required = true };
        var test = new Option<string?>("--test") { Description = "Test ratings file: RMSE and MAE are reported on it." };
        var format = CommonOptions.Format();
        var stringIds = CommonOptions.StringIds();
        var duplicates = CommonOptions.Duplicates();
        var skipBad = CommonOptions.SkipBadLines();
        var model = ChoiceOption.Create(
            "--model",
            "baseline, mf, biased, neural, alswr or svdpp (rating models); popularity, ease, als or bpr (list models, trained on interactions).",
            ModelChoice.Biased,
            Enum.GetValues<ModelChoice>());
        var minRating = new Option<float?>("--min-rating") { Description = "List models: only ratings at or above this are interactions (default: every rating for popularity and EASE, 4 for ALS and BPR; -Infinity makes every rating one)." };
        var ratingWeights = new Option<bool>("--rating-weights") { Description = "Popularity: an interaction weighs its rating instead of 1 (EASE always weighs by rating unless --min-rating is given)." };
        var alpha = new Option<float?>("--alpha") { Description = "ALS: confidence 1 + alpha·rating of an interaction (default 1)." };
        var halfLife = new Option<double?>("--half-life-days") { Description = "Popularity: an interaction counts half after this many days (needs timestamps; default: a plain count)." };
        var factors = new Option<int?>("--factors") { Description = "Latent factors k (default 128; neural: embedding length, 64)." };
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the data (default 100; baseline 10; neural 10)." };
        var learningRate = new Option<float?>("--learning-rate") { Description = "SGD learning rate (default 0.005; neural: Adam's, 0.003)." };
        var decay = new Option<float?>("--learning-rate-decay") { Description = "Per-epoch learning-rate multiplier in (0, 1] (default 1)." };
        var regularization = new Option<float?>("--regularization") { Description = "L2 regularization of the factors (default 0.1; neural: of embeddings and biases, 0.1)." };
        var biasRegularization = new Option<float?>("--bias-regularization") { Description = "L2 regularization of the biases (default 0.02)." };
        var implicitRegularization = new Option<float?>("--implicit-regularization") { Description = "SVD++: L2 regularization of the implicit factors y (default 0.02)." };
        var optimizer = ChoiceOption.Optional("--optimizer", "sgd or adagrad (default sgd).", Enum.GetValues<SgdOptimizer>());
        var threads = new Option<int?>("--threads") { Description = "Worker threads (default: all cores)." };
        var grid = new Option<int?>("--grid") { Description = "Blocks per side of the parallel grid (default 8)." };
        var seed = new Option<ulong?>("--seed") { Description = "Random seed (default 42)." };
        var shuffle = new Option<bool>("--shuffle") { Description = "Shuffle ratings within blocks instead of ordering them by user (slower on large data)." };
        var hidden = new Option<int[]?>("--hidden") { Description = "Neural: hidden layer widths, e.g. --hidden 10 or --hidden 64 16 (default 32).", AllowMultipleArgumentsPerToken = true };
        var dropout = new Option<float?>("--dropout") { Description = "Neural: dropout of the embeddings (default 0.5)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Neural: ratings per Adam step, 0 for full batch (default 1024)." };
        var schedule = new Option<string[]?>("--learning-rate-schedule")
        {
            Description = "Neural: epochs:rate phases replacing the learning rate and its decay, e.g. --learning-rate-schedule 5:0.05 5:0.01 10:0.001.",
            AllowMultipleArgumentsPerToken = true,
        };
        var weightDecay = new Option<float?>("--weight-decay") { Description = "Neural: decoupled (AdamW) weight decay (default 0.05)." };
        var auto = new Option<bool>("--auto")
        {
            Description = "biased and alswr: choose λ (biased: also the learning rate and epochs; alswr: also the weighting) by a short seeded search on a sample of the training data, then train on all of it. Given settings start the search.",
        };
        var save = new Option<string?>("--save") { Description = "Save the trained model, its options, a training summary and each user's training items to this file." };
        var noSeenItems = SavedModelContents.NoSeenItemsOption();
        var plot = TrainPlot.Option();
        var json = CommonOptions.Json();
        var verbose = CommonOptions.Verbose();
        var quiet = CommonOptions.Quiet();

        var command = new Command("train", "Train a model on a rating file.")
        {
            train, test, format, stringIds, duplicates, skipBad, model, factors, epochs, learningRate, decay, regularization, biasRegularization, implicitRegularization,
            optimizer, threads, grid, seed, shuffle, auto, hidden, dropout, batchSize, schedule, weightDecay, minRating, ratingWeights, halfLife, alpha,
            save, noSeenItems, plot, json, verbose, quiet,
        };

        command.SetAction(parse =>
        {
            CommandFiles.Check([new("--train", parse.GetValue(train)), new("--test", parse.GetValue(test))], [new("--save", parse.GetValue(save)), new("--plot", parse.GetValue(plot))]);
            ModelChoice choice = parse.GetValue(model);
            TrainPlot.Check(new("--plot", parse.GetValue(plot)), choice);
            if (parse.GetValue(auto) && choice is not (ModelChoice.Biased or ModelChoice.Alswr))
            {
                throw new UsageException($"--auto tunes biased and alswr, not {choice.ToString().ToLowerInvariant()}; give their settings by hand or choose one of those.");
            }

            using CommandProgress work = terminal.StartProgress(parse.GetValue(quiet), output);
            LoadResult trainData = DataLoading.Load(parse.GetValue(train)!, parse.GetValue(format), parse.GetValue(duplicates), parse.GetValue(skipBad), progress: work, stringIds: parse.GetValue(stringIds));
            string? testPath = parse.GetValue(test);
            LoadResult? testData = testPath is null ? null : DataLoading.Load(testPath, parse.GetValue(format), parse.GetValue(duplicates), parse.GetValue(skipBad), progress: work, stringIds: parse.GetValue(stringIds));

            SgdOptions? sgd = null;
            NeuralOptions? neural = null;
            if (choice == ModelChoice.Neural)
            {
                var defaults = new NeuralOptions();
                neural = defaults with
                {
                    UserEmbeddingLength = parse.GetValue(factors) ?? defaults.UserEmbeddingLength,
                    ItemEmbeddingLength = parse.GetValue(factors) ?? defaults.ItemEmbeddingLength,
                    HiddenLayers = parse.GetValue(hidden) is { Length: > 0 } widths ? widths : defaults.HiddenLayers,
                    Dropout = parse.GetValue(dropout) ?? defaults.Dropout,
                    BatchSize = parse.GetValue(batchSize) ?? defaults.BatchSize,
                    Epochs = parse.GetValue(epochs) ?? defaults.Epochs,
                    LearningRate = parse.GetValue(learningRate) ?? defaults.LearningRate,
                    LearningRateSchedule = parse.GetValue(schedule) is { Length: > 0 } phases ? LearningRateScheduleParser.Parse(phases) : null,
                    WeightDecay = parse.GetValue(weightDecay) ?? defaults.WeightDecay,
                    EmbeddingRegularization = parse.GetValue(regularization) ?? defaults.EmbeddingRegularization,
                    Threads = parse.GetValue(threads) ?? defaults.Threads,
                    Seed = parse.GetValue(seed) ?? defaults.Seed,
                };
            }
            else if (choice is ModelChoice.Mf or ModelChoice.Biased)
            {
                SgdOptions defaults = choice == ModelChoice.Mf ? new MatrixFactorizationOptions() : new BiasedMatrixFactorizationOptions();
                sgd = defaults with
                {
                    FactorCount = parse.GetValue(factors) ?? defaults.FactorCount,
                    Epochs = parse.GetValue(epochs) ?? defaults.Epochs,
                    LearningRate = parse.GetValue(learningRate) ?? defaults.LearningRate,
                    LearningRateDecay = parse.GetValue(decay) ?? defaults.LearningRateDecay,
                    FactorRegularization = parse.GetValue(regularization) ?? defaults.FactorRegularization,
                    Optimizer = parse.GetValue(optimizer) ?? defaults.Optimizer,
                    Threads = parse.GetValue(threads) ?? defaults.Threads,
                    GridSize = parse.GetValue(grid) ?? defaults.GridSize,
                    Seed = parse.GetValue(seed) ?? defaults.Seed,
                    Shuffle = parse.GetValue(shuffle) || defaults.Shuffle,
                };
                if (sgd is BiasedMatrixFactorizationOptions biased && parse.GetValue(biasRegularization) is float br)
                {
                    sgd = biased with { BiasRegularization = br };
                }
            }

            RatingStore? validation = parse.GetValue(plot) is null ? null : testData?.Store;
            ExplicitAlsOptions? alswr = choice == ModelChoice.Alswr
                ? ExplicitAlsSettings.Options(parse.GetValue(factors), parse.GetValue(epochs), parse.GetValue(regularization), parse.GetValue(biasRegularization), parse.GetValue(threads), parse.GetValue(seed))
                : null;
            SvdPlusPlusOptions? svdpp = choice == ModelChoice.Svdpp
                ? SvdPlusPlusSettings.Options(
                    new SvdPlusPlusSettings.Values(parse.GetValue(factors), parse.GetValue(epochs), parse.GetValue(learningRate), parse.GetValue(regularization), parse.GetValue(biasRegularization), parse.GetValue(implicitRegularization))
                    {
                        LearningRateDecay = parse.GetValue(decay),
                        Threads = parse.GetValue(threads),
                        Seed = parse.GetValue(seed),
                    })
                : null;

            AutoTuning.Summary? tuned = null;
            if (parse.GetValue(auto))
            {
                ulong autoSeed = parse.GetValue(seed) ?? 42;
                if (alswr is not null)
                {
                    tuned = AutoTuning.ExplicitAls(trainData.Store, alswr, autoSeed, work);
                    alswr = (ExplicitAlsOptions)tuned.Chosen;
                }
                else
                {
                    var biasedStart = (BiasedMatrixFactorizationOptions)sgd!;
                    tuned = AutoTuning.Biased(trainData.Store, parse.GetValue(epochs) is null ? biasedStart with { Epochs = AutoTuning.SgdEpochCap } : biasedStart, autoSeed, work);
                    sgd = (BiasedMatrixFactorizationOptions)tuned.Chosen;
                }
            }

            var epochReports = new List<EpochReport>();
            EpochProgress? shown = work.Epochs($"train {choice.ToString().ToLowerInvariant()}", tuned?.Chosen.Epochs ?? ModelEpochs.Planned(choice, parse.GetValue(epochs)));
            var progress = new ListProgress(epochReports, shown);
            long start = Stopwatch.GetTimestamp();
            InteractionSet? interactions = ListModels.Includes(choice) && !ListModels.OwnsPolicy(choice)
                ? Policy(parse.GetValue(minRating), parse.GetValue(ratingWeights), ListModels.DefaultPolicy(choice)).Apply(trainData.Store)
                : null;
            var listSettings = new ListModels.Settings(
                parse.GetValue(factors), parse.GetValue(epochs), parse.GetValue(regularization), parse.GetValue(alpha),
                parse.GetValue(minRating), parse.GetValue(threads), parse.GetValue(seed), parse.GetValue(halfLife))
            {
                LearningRate = parse.GetValue(learningRate),
                GridSize = parse.GetValue(grid),
            };
            TrainerOptions options = (TrainerOptions?)sgd ?? (TrainerOptions?)neural ?? (TrainerOptions?)alswr ?? svdpp
                ?? (choice == ModelChoice.Baseline ? new BaselineOptions { Epochs = parse.GetValue(epochs) ?? 10 } : ListModels.Options(choice, listSettings));
            IScoringModel trained = choice switch
            {
                ModelChoice.Baseline => new BaselineTrainer((BaselineOptions)options).Fit(trainData.Store, validation, progress),
                ModelChoice.Mf => new MatrixFactorizationTrainer((MatrixFactorizationOptions)sgd!).Fit(trainData.Store, validation, progress),
                ModelChoice.Neural => new NeuralTrainer(neural).Fit(trainData.Store, validation, progress),
                ModelChoice.Alswr => new ExplicitAlsTrainer(alswr).Fit(trainData.Store, validation, progress),
                ModelChoice.Svdpp => new SvdPlusPlusTrainer(svdpp).Fit(trainData.Store, validation, progress),
                ModelChoice.Popularity or ModelChoice.Ease or ModelChoice.Als or ModelChoice.Bpr =>
                    ListModels.Trainer(choice, listSettings, validation)(interactions?.Store ?? trainData.Store, progress),
                _ => new BiasedMatrixFactorizationTrainer((BiasedMatrixFactorizationOptions)sgd!).Fit(trainData.Store, validation, progress),
            };
            double trainSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

            RatingAccuracy? accuracy = testData is null || trained is not IRatingModel rating ? null : RatingMetrics.Evaluate(rating, testData.Store);
            RankingAccuracy? ranking = testData is null || trained is IRatingModel
                ? null
                : RankingMetrics.Evaluate(new Recommender(trained, trainData.Store), testData.Store);
            string? savePath = parse.GetValue(save);
            if (savePath is not null)
            {
                ModelSerializer.Save(trained, savePath, SavedModelContents.Create(
                    trained, options, interactions, trainData.Store, epochReports, accuracy, ranking, !parse.GetValue(noSeenItems)));
            }

            if (parse.GetValue(plot) is string plotPath)
            {
                TrainPlot.Write(plotPath, choice, trained, epochReports);
            }

            (int k, int usedThreads) = options switch
            {
                SgdOptions o => (o.FactorCount, Math.Min(EffectiveThreads(o.Threads), o.GridSize)),
                NeuralOptions o => (o.UserEmbeddingLength, EffectiveThreads(o.Threads)),
                ExplicitAlsOptions o => (o.FactorCount, EffectiveThreads(o.Threads)),
                BprOptions o => (o.FactorCount, Math.Min(EffectiveThreads(o.Threads), o.GridSize)),
                ImplicitAlsOptions o => (o.FactorCount, EffectiveThreads(o.Threads)),
                SvdPlusPlusOptions o => (o.FactorCount, 1),
                _ => (0, 1),
            };
            var summary = new TrainSummary(choice, k, usedThreads, trainData, trainSeconds, epochReports, accuracy, savePath)
            {
                UpdatesPerEpoch = options is BprOptions bpr ? Positives(trainData.Store, bpr.MinimumRating) : (interactions?.Store ?? trainData.Store).Count,
                PlottedTo = parse.GetValue(plot),
                Interactions = interactions,
                Ranking = ranking,
                ListModel = ListModels.Includes(choice),
                Auto = tuned,
            };
            if (parse.GetValue(json))
            {
                JsonOutput.Write(work.Output, summary.WriteJson);
            }
            else
            {
                summary.WriteText(work.Output);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static InteractionPolicy Policy(float? minRating, bool ratingWeights, InteractionPolicy fallback) => (minRating, ratingWeights) switch
    {
        (float _, true) => throw new UsageException("--min-rating and --rating-weights are two different policies; give one."),
        (float minimum, false) => InteractionPolicy.RatingsAtLeast(minimum),
        (null, true) => InteractionPolicy.RatingAsWeight,
        _ => fallback,
    };

    /// <summary>
    /// The interactions BPR learns from, counted as <see cref="BprTrainer"/> keeps them (the ratings
    /// of at least the minimum): one sampled triple each an epoch.
    /// </summary>
    private static int Positives(RatingStore train, float minimumRating)
    {
        int count = 0;
        foreach (float value in train.Values)
        {
            count += value >= minimumRating ? 1 : 0;
        }

        return count;
    }

    /// <summary>The threads a trainer uses for a <c>Threads</c> option (0: one per processor).</summary>
    private static int EffectiveThreads(int threads) => threads == 0 ? Environment.ProcessorCount : threads;

    /// <summary>Collects epoch reports on the training thread and passes them on to the display.</summary>
    private sealed class ListProgress(List<EpochReport> reports, IProgress<EpochReport>? shown) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            reports.Add(value);
            shown?.Report(value);
        }
    }

    /// <summary>What <c>mf train</c> prints. Factors is the embedding length for neural models and 0
    /// for the models without factors (baseline, popularity, EASE), which count as one thread.</summary>
    private sealed record TrainSummary(
        ModelChoice Model,
        int Factors,
        int Threads,
        LoadResult Train,
        double TrainSeconds,
        List<EpochReport> Epochs,
        RatingAccuracy? Test,
        string? SavedTo)
    {
        /// <summary>The interactions a list model learned from, and the policy that made them.</summary>
        public InteractionSet? Interactions { get; init; }

        /// <summary>Top-10 quality on the test file, for a list model.</summary>
        public RankingAccuracy? Ranking { get; init; }

        /// <summary>Whether the model ranks items without predicting ratings.</summary>
        public bool ListModel { get; init; }

        /// <summary>What <c>--auto</c> chose and tried, when it ran.</summary>
        public AutoTuning.Summary? Auto { get; init; }

        /// <summary>Where the learning curve was drawn, if anywhere.</summary>
        public string? PlottedTo { get; init; }

        /// <summary>
        /// The training examples one epoch visits: the ratings for a rating model, the interactions
        /// for a list model, and for BPR its sampled triples, one per positive interaction.
        /// </summary>
        public int UpdatesPerEpoch { get; init; }

        private int EpochsRun => Epochs.Count;

        private double UpdatesPerSecondPerThread => PerSecondPerThread(TrainSeconds);

        /// <summary>The same rate over the epochs alone, without loading the data into the trainer's own layout.</summary>
        private double EpochUpdatesPerSecondPerThread => PerSecondPerThread(EpochSeconds);

        private double EpochSeconds => Epochs.Sum(e => e.Elapsed.TotalSeconds);

        private double PerSecondPerThread(double seconds) => EpochsRun == 0 || seconds == 0
            ? 0
            : (double)UpdatesPerEpoch * EpochsRun / seconds / Threads;

        public void WriteJson(Utf8JsonWriter w)
        {
            w.WriteString("model", Model.ToString().ToLowerInvariant());
            w.WriteNumber("factors", Factors);
            w.WriteNumber("epochs", EpochsRun);
            w.WriteNumber("threads", Threads);
            w.WriteNumber("trainRatings", Train.Store.Count);
            w.WriteNumber("trainSeconds", Math.Round(TrainSeconds, 4));
            w.WriteNumber("epochSeconds", Math.Round(EpochSeconds, 4));
            w.WriteNumber("updatesPerEpoch", UpdatesPerEpoch);
            w.WriteNumber("updatesPerSecondPerThread", Math.Round(UpdatesPerSecondPerThread));
            w.WriteNumber("epochUpdatesPerSecondPerThread", Math.Round(EpochUpdatesPerSecondPerThread));
            w.WriteNumber("loadSeconds", Math.Round(Train.Report.Elapsed.TotalSeconds, 4));
            if (Epochs.Count > 0)
            {
                w.WriteNumber(ListModel ? "finalTrainingLoss" : "finalTrainingRmse", Math.Round(Epochs[^1].TrainingLoss, 6));
            }

            EpochHistory.Write(w, Epochs);
            Auto?.WriteJson(w);

            if (Interactions is not null)
            {
                w.WriteStartObject("interactions");
                w.WriteString("policy", Interactions.Policy.ToString());
                w.WriteNumber("count", Interactions.Store.Count);
                w.WriteNumber("ratingsLeftOut", Interactions.RatingsLeftOut);
                w.WriteEndObject();
            }

            if (Ranking is not null)
            {
                EvaluateCommand.WriteRanking(w, Ranking, 4f);
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

            if (PlottedTo is not null)
            {
                w.WriteString("plottedTo", PlottedTo);
            }
        }

        public void WriteText(TextWriter o)
        {
            CultureInfo c = CultureInfo.InvariantCulture;
            Auto?.WriteText(o);
            o.WriteLine(string.Create(c, $"Trained {Model.ToString().ToLowerInvariant()} on {Train.Store.Count:N0} ratings in {TrainSeconds:F3} s"));
            if (Interactions is not null)
            {
                o.WriteLine(string.Create(c, $"  interactions: {Interactions.Policy}, {Interactions.Store.Count:N0} kept, {Interactions.RatingsLeftOut:N0} ratings left out"));
            }

            if (Ranking is not null)
            {
                o.WriteLine(string.Create(c, $"Test, top {Ranking.K} over {Ranking.UsersEvaluated:N0} users (relevant: rating ≥ 4): NDCG {Ranking.Ndcg:F4}, precision {Ranking.Precision:F4}, recall {Ranking.Recall:F4}, MAP {Ranking.MeanAveragePrecision:F4}"));
            }

            if (EpochsRun > 0 && Model == ModelChoice.Bpr)
            {
                o.WriteLine(string.Create(c, $"  k = {Factors}, {EpochsRun} epochs, {Threads} threads, {UpdatesPerEpoch:N0} triples an epoch, {UpdatesPerSecondPerThread / 1e6:F1}M triples/s/thread ({EpochUpdatesPerSecondPerThread / 1e6:F1}M over the epochs alone), final training loss {Epochs[^1].TrainingLoss:F4}"));
            }
            else if (EpochsRun > 0 && ListModel)
            {
                o.WriteLine(string.Create(c, $"  {EpochsRun} epochs, final training loss {Epochs[^1].TrainingLoss:F4}"));
            }
            else if (EpochsRun > 0)
            {
                o.WriteLine(string.Create(c, $"  k = {Factors}, {EpochsRun} epochs, {Threads} threads, {UpdatesPerSecondPerThread / 1e6:F1}M updates/s/thread, final training RMSE {Epochs[^1].TrainingLoss:F4}"));
            }

            if (Test is not null)
            {
                o.WriteLine(string.Create(c, $"Test: RMSE {Test.Rmse:F4}, MAE {Test.Mae:F4} over {Test.Count:N0} ratings ({Test.Fallbacks:N0} fallbacks)"));
            }

            if (SavedTo is not null)
            {
                o.WriteLine($"Saved to {SavedTo}");
            }

            if (PlottedTo is not null)
            {
                o.WriteLine($"Learning curve drawn to {PlottedTo}");
            }
        }
    }
}
