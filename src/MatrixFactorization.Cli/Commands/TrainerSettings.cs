using System.CommandLine;
using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// The trainer options <c>mf cv</c> and <c>mf search</c> share. Each takes a comma-separated list,
/// so one definition serves a single setting (cv) and a search axis (search).
/// </summary>
internal sealed class TrainerSettings(bool acceptsNeural = false)
{
    public Option<ModelChoice> Model { get; } = ChoiceOption.Create(
        "--model",
        "baseline, mf, biased, alswr or svdpp (rating models); popularity, ease, als or bpr (list models, scored by ranking metrics).",
        ModelChoice.Biased,
        [.. Enum.GetValues<ModelChoice>().Where(m => acceptsNeural || m is not ModelChoice.Neural)]);

    public Option<float?> MinRating { get; } = new("--min-rating") { Description = "List models: only ratings at or above this are interactions (default: every rating for popularity and EASE, 4 for ALS and BPR)." };

    public Option<bool> RatingWeights { get; } = new("--rating-weights") { Description = "List models: an interaction weighs its rating instead of 1." };

    public Option<string?> Factors { get; } = new("--factors") { Description = "Latent factors k; a comma-separated list for search." };

    public Option<string?> Epochs { get; } = new("--epochs") { Description = "Passes over the data; a list for search." };

    public Option<string?> LearningRate { get; } = new("--learning-rate") { Description = "SGD learning rate; a list for search." };

    public Option<string?> Regularization { get; } = new("--regularization") { Description = "L2 regularization of the factors (EASE: its λ); a list for search." };

    public Option<string?> BiasRegularization { get; } = new("--bias-regularization") { Description = "L2 regularization of the biases; a list for search." };

    public Option<string?> ImplicitRegularization { get; } = new("--implicit-regularization") { Description = "SVD++: L2 regularization of the implicit factors y; a list for search." };

    public Option<SgdOptimizer?> Optimizer { get; } = ChoiceOption.Optional("--optimizer", "mf and biased: sgd or adagrad (default sgd).", Enum.GetValues<SgdOptimizer>());

    public Option<int> Threads { get; } = new("--threads") { Description = "Training threads (default all cores).", DefaultValueFactory = _ => 0 };

    public Option<ulong> TrainingSeed { get; } = new("--training-seed") { Description = "Seed of the factor initialization (default 42).", DefaultValueFactory = _ => 42 };

    public IEnumerable<Option> All => [Model, Factors, Epochs, LearningRate, Regularization, BiasRegularization, ImplicitRegularization, Optimizer, Threads, TrainingSeed, MinRating, RatingWeights];

    /// <summary>Whether the chosen model learns from interactions and is scored by its lists.</summary>
    public bool IsListModel(ParseResult parse) => ListModels.Includes(parse.GetValue(Model));

    /// <summary>The interactions policy the options ask for.</summary>
    public InteractionPolicy Policy(ParseResult parse) => (parse.GetValue(MinRating), parse.GetValue(RatingWeights)) switch
    {
        (float _, true) => throw new UsageException("--min-rating and --rating-weights are two different policies; give one."),
        (float minimum, false) => InteractionPolicy.RatingsAtLeast(minimum),
        (null, true) => InteractionPolicy.RatingAsWeight,
        _ => ListModels.DefaultPolicy(parse.GetValue(Model)),
    };

    /// <summary>Trains the chosen model on a training part: on its interactions for a list model;
    /// every fit tells its epochs to <paramref name="progress"/>.</summary>
    public Func<RatingStore, IScoringModel> Fitter(ParseResult parse, IProgress<EpochReport>? progress = null)
    {
        ModelChoice choice = parse.GetValue(Model);
        if (!ListModels.Includes(choice))
        {
            object options = BaseOptions(parse);
            return store => Fit(options, store, progress);
        }

        var settings = new ListModels.Settings(
            First(Ints(parse, Factors)), First(Ints(parse, Epochs)), First(Floats(parse, Regularization)), null,
            parse.GetValue(MinRating), parse.GetValue(Threads) is int t and not 0 ? t : null, parse.GetValue(TrainingSeed), null)
        {
            LearningRate = First(Floats(parse, LearningRate)),
        };
        Func<RatingStore, IProgress<EpochReport>?, IScoringModel> train = ListModels.Trainer(choice, settings);
        if (ListModels.OwnsPolicy(choice))
        {
            return store => train(store, progress);
        }

        InteractionPolicy policy = Policy(parse);
        return store => train(policy.Apply(store).Store, progress);
    }

    /// <summary>The options with every single-valued setting applied (the first value of a list);
    /// a value out of range throws as it is set.</summary>
    public object BaseOptions(ParseResult parse)
    {
        ModelChoice choice = parse.GetValue(Model);
        if (choice == ModelChoice.Popularity)
        {
            return new PopularityOptions();
        }

        if (choice is not (ModelChoice.Baseline or ModelChoice.Mf or ModelChoice.Biased or ModelChoice.Alswr or ModelChoice.Svdpp))
        {
            throw new UsageException($"cross-validation does not cover {parse.GetValue(Model).ToString().ToLowerInvariant()}; it takes baseline, mf, biased, alswr, svdpp, popularity, ease, als or bpr.");
        }

        if (choice == ModelChoice.Alswr)
        {
            return ExplicitAlsSettings.Options(
                First(Ints(parse, Factors)), First(Ints(parse, Epochs)), First(Floats(parse, Regularization)), First(Floats(parse, BiasRegularization)),
                parse.GetValue(Threads), parse.GetValue(TrainingSeed));
        }

        if (choice == ModelChoice.Svdpp)
        {
            return SvdPlusPlusSettings.Options(
                new SvdPlusPlusSettings.Values(
                    First(Ints(parse, Factors)), First(Ints(parse, Epochs)), First(Floats(parse, LearningRate)), First(Floats(parse, Regularization)),
                    First(Floats(parse, BiasRegularization)), First(Floats(parse, ImplicitRegularization)))
                {
                    Threads = parse.GetValue(Threads),
                    Seed = parse.GetValue(TrainingSeed),
                });
        }

        if (choice == ModelChoice.Baseline)
        {
            return new BaselineOptions { Epochs = First(Ints(parse, Epochs)) ?? 10 };
        }

        SgdOptions defaults = choice == ModelChoice.Mf ? new MatrixFactorizationOptions() : new BiasedMatrixFactorizationOptions();
        SgdOptions options = defaults with
        {
            FactorCount = First(Ints(parse, Factors)) ?? defaults.FactorCount,
            Epochs = First(Ints(parse, Epochs)) ?? defaults.Epochs,
            LearningRate = First(Floats(parse, LearningRate)) ?? defaults.LearningRate,
            FactorRegularization = First(Floats(parse, Regularization)) ?? defaults.FactorRegularization,
            Optimizer = parse.GetValue(Optimizer) ?? defaults.Optimizer,
            Threads = parse.GetValue(Threads),
            Seed = parse.GetValue(TrainingSeed),
        };
        if (options is BiasedMatrixFactorizationOptions biased && First(Floats(parse, BiasRegularization)) is float br)
        {
            options = biased with { BiasRegularization = br };
        }

        return options;
    }

    public static IScoringModel Fit(object options, RatingStore train, IProgress<EpochReport>? progress = null) => options switch
    {
        PopularityOptions p => new PopularityTrainer(p).Fit(train, progress: progress),
        BaselineOptions b => new BaselineTrainer(b).Fit(train, progress: progress),
        BiasedMatrixFactorizationOptions b => new BiasedMatrixFactorizationTrainer(b).Fit(train, progress: progress),
        SvdPlusPlusOptions s => new SvdPlusPlusTrainer(s).Fit(train, progress: progress),
        MatrixFactorizationOptions m => new MatrixFactorizationTrainer(m).Fit(train, progress: progress),
        ExplicitAlsOptions a => new ExplicitAlsTrainer(a).Fit(train, progress: progress),
        _ => throw new ArgumentException($"Unexpected options {options.GetType().Name}."),
    };

    public static int[] Ints(ParseResult parse, Option<string?> option) =>
        Split(parse.GetValue(option)).Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v : throw new UsageException($"{option.Name}: '{s}' is not an integer.")).ToArray();

    public static float[] Floats(ParseResult parse, Option<string?> option) =>
        Split(parse.GetValue(option)).Select(s => float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float v)
            ? v : throw new UsageException($"{option.Name}: '{s}' is not a number.")).ToArray();

    public static double[] Doubles(ParseResult parse, Option<string?> option) =>
        Split(parse.GetValue(option)).Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v : throw new UsageException($"{option.Name}: '{s}' is not a number.")).ToArray();

    private static string[] Split(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static T? First<T>(T[] values)
        where T : struct => values.Length == 0 ? null : values[0];
}
