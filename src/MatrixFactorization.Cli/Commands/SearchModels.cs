using System.CommandLine;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// What <c>mf search</c> searches for each model: the options that are its axes, the options every
/// candidate starts from, and its trainer. An axis option the chosen model does not take is a usage
/// error rather than a setting silently ignored.
/// </summary>
internal sealed class SearchModels(TrainerSettings settings)
{
    public const string ModelHelp =
        "baseline, mf, biased, neural, alswr or svdpp (rating models, ranked by rmse unless --metric says otherwise); " +
        "popularity, ease, als or bpr (list models, ranked by ndcg at --k unless --metric says otherwise).";

    public Option<string?> Alpha { get; } = new("--alpha") { Description = "ALS: confidence 1 + alpha·rating of an interaction (default 1); a list for search." };


    public Option<string?> HalfLifeDays { get; } = new("--half-life-days") { Description = "Popularity: an interaction counts half after this many days (needs timestamps); a list for search." };

    public IEnumerable<Option> Extra => [Alpha, HalfLifeDays];

    /// <summary>The candidates and trainer of the chosen model, after refusing options it does not take.</summary>
    public SearchPlan Plan(ParseResult parse, int? random, int seed)
    {
        ModelChoice model = parse.GetValue(settings.Model);
        TakesOnly(parse, model, Takes(model));
        return model switch
        {
            ModelChoice.Baseline => SearchPlan.Of(
                new SearchAxes<BaselineOptions>(parse, new BaselineOptions())
                    .Ints(settings.Epochs, "epochs", (o, v) => o with { Epochs = v }).Space,
                (o, store) => new BaselineTrainer(o).Fit(store),
                random,
                seed),
            ModelChoice.Mf => SearchPlan.Of(
                Sgd(parse, (MatrixFactorizationOptions)settings.BaseOptions(parse)).Space,
                (o, store) => new MatrixFactorizationTrainer(o).Fit(store),
                random,
                seed),
            ModelChoice.Biased => SearchPlan.Of(
                Sgd(parse, (BiasedMatrixFactorizationOptions)settings.BaseOptions(parse))
                    .Floats(settings.BiasRegularization, "biasRegularization", (o, v) => o with { BiasRegularization = v }).Space,
                (o, store) => new BiasedMatrixFactorizationTrainer(o).Fit(store),
                random,
                seed),
            ModelChoice.Neural => SearchPlan.Of(
                new SearchAxes<NeuralOptions>(parse, new NeuralOptions { Threads = parse.GetValue(settings.Threads), Seed = parse.GetValue(settings.TrainingSeed) })
                    .Ints(settings.Factors, "factors", (o, v) => o with { UserEmbeddingLength = v, ItemEmbeddingLength = v })
                    .Ints(settings.Epochs, "epochs", (o, v) => o with { Epochs = v })
                    .Floats(settings.LearningRate, "learningRate", (o, v) => o with { LearningRate = v })
                    .Floats(settings.Regularization, "regularization", (o, v) => o with { EmbeddingRegularization = v }).Space,
                (o, store) => new NeuralTrainer(o).Fit(store),
                random,
                seed),
            ModelChoice.Alswr => SearchPlan.Of(
                new SearchAxes<ExplicitAlsOptions>(parse, ExplicitAlsSettings.Options(null, null, null, null, parse.GetValue(settings.Threads), parse.GetValue(settings.TrainingSeed)))
                    .Ints(settings.Factors, "factors", (o, v) => o with { FactorCount = v })
                    .Ints(settings.Epochs, "epochs", (o, v) => o with { Epochs = v })
                    .Floats(settings.Regularization, "regularization", (o, v) => o with { Regularization = v })
                    .Floats(settings.BiasRegularization, "biasRegularization", (o, v) => o with { BiasRegularization = v }).Space,
                (o, store) => new ExplicitAlsTrainer(o).Fit(store),
                random,
                seed),
            ModelChoice.Svdpp => SearchPlan.Of(
                new SearchAxes<SvdPlusPlusOptions>(parse, (SvdPlusPlusOptions)settings.BaseOptions(parse))
                    .Ints(settings.Factors, "factors", (o, v) => o with { FactorCount = v })
                    .Ints(settings.Epochs, "epochs", (o, v) => o with { Epochs = v })
                    .Floats(settings.LearningRate, "learningRate", (o, v) => o with { LearningRate = v })
                    .Floats(settings.Regularization, "regularization", (o, v) => o with { FactorRegularization = v })
                    .Floats(settings.BiasRegularization, "biasRegularization", (o, v) => o with { BiasRegularization = v })
                    .Floats(settings.ImplicitRegularization, "implicitRegularization", (o, v) => o with { ImplicitRegularization = v }).Space,
                (o, store) => new SvdPlusPlusTrainer(o).Fit(store),
                random,
                seed),
            ModelChoice.Popularity => SearchPlan.Of(
                new SearchAxes<PopularityOptions>(parse, new PopularityOptions())
                    .Doubles(HalfLifeDays, "halfLifeDays", (o, v) => o with { HalfLife = TimeSpan.FromDays(v) }).Space,
                OnInteractions<PopularityOptions>(settings.Policy(parse), (o, store) => new PopularityTrainer(o).Fit(store)),
                random,
                seed),
            ModelChoice.Ease => SearchPlan.Of(
                new SearchAxes<EaseOptions>(parse, ListModels.Ease(ListSettings(parse)))
                    .Floats(settings.Regularization, "regularization", (o, v) => o with { Lambda = v }).Space,
                OnInteractions<EaseOptions>(settings.Policy(parse), (o, store) => new EaseTrainer(o).Fit(store)),
                random,
                seed),
            ModelChoice.Als => SearchPlan.Of(
                new SearchAxes<ImplicitAlsOptions>(parse, ListModels.Als(ListSettings(parse)))
                    .Ints(settings.Factors, "factors", (o, v) => o with { FactorCount = v })
                    .Ints(settings.Epochs, "epochs", (o, v) => o with { Epochs = v })
                    .Floats(settings.Regularization, "regularization", (o, v) => o with { Regularization = v })
                    .Floats(Alpha, "alpha", (o, v) => o with { Alpha = v }).Space,
                (o, store) => new ImplicitAlsTrainer(o).Fit(store),
                random,
                seed),
            ModelChoice.Bpr => SearchPlan.Of(
                new SearchAxes<BprOptions>(parse, ListModels.Bpr(ListSettings(parse)))
                    .Ints(settings.Factors, "factors", (o, v) => o with { FactorCount = v })
                    .Ints(settings.Epochs, "epochs", (o, v) => o with { Epochs = v })
                    .Floats(settings.LearningRate, "learningRate", (o, v) => o with { LearningRate = v })
                    .Floats(settings.Regularization, "regularization", (o, v) => o with { Regularization = v }).Space,
                (o, store) => new BprTrainer(o).Fit(store),
                random,
                seed),
            _ => throw new UsageException($"search does not cover {Name(model)}; --model takes {ModelHelp}"),
        };
    }

    public static string Name(ModelChoice model) => model.ToString().ToLowerInvariant();

    // The options each model searches or reads; the rest of ModelOptions are refused for it.
    private Option[] Takes(ModelChoice model) => model switch
    {
        ModelChoice.Baseline => [settings.Epochs],
        ModelChoice.Mf => [settings.Factors, settings.Epochs, settings.LearningRate, settings.Regularization, settings.Optimizer],
        ModelChoice.Neural => [settings.Factors, settings.Epochs, settings.LearningRate, settings.Regularization],
        ModelChoice.Biased => [settings.Factors, settings.Epochs, settings.LearningRate, settings.Regularization, settings.BiasRegularization, settings.Optimizer],
        ModelChoice.Alswr => [settings.Factors, settings.Epochs, settings.Regularization, settings.BiasRegularization],
        ModelChoice.Svdpp => [settings.Factors, settings.Epochs, settings.LearningRate, settings.Regularization, settings.BiasRegularization, settings.ImplicitRegularization],
        ModelChoice.Popularity => [HalfLifeDays, settings.MinRating, settings.RatingWeights],
        ModelChoice.Ease => [settings.Regularization, settings.MinRating, settings.RatingWeights],
        ModelChoice.Als => [settings.Factors, settings.Epochs, settings.Regularization, Alpha, settings.MinRating],
        ModelChoice.Bpr => [settings.Factors, settings.Epochs, settings.LearningRate, settings.Regularization, settings.MinRating],
        _ => [],
    };

    private Option[] ModelOptions =>
        [settings.Factors, settings.Epochs, settings.LearningRate, settings.Regularization, settings.BiasRegularization, settings.ImplicitRegularization, settings.Optimizer, Alpha, HalfLifeDays, settings.MinRating, settings.RatingWeights];

    private void TakesOnly(ParseResult parse, ModelChoice model, Option[] takes)
    {
        foreach (Option option in ModelOptions.Except(takes))
        {
            if (parse.GetResult(option) is { Implicit: false })
            {
                string accepted = takes.Length == 0 ? "none of these" : string.Join(", ", takes.Select(o => o.Name));
                throw new UsageException($"{option.Name} does not apply to {Name(model)}; it takes {accepted}.");
            }
        }
    }

    // ALS and BPR read --min-rating as their own threshold; EASE takes only its threads from here.
    private ListModels.Settings ListSettings(ParseResult parse) => new(
        null, null, null, null, parse.GetValue(settings.MinRating), parse.GetValue(settings.Threads), parse.GetValue(settings.TrainingSeed), null);

    // The axes mf and biased share, in the order their settings print.
    private SearchAxes<T> Sgd<T>(ParseResult parse, T baseOptions)
        where T : SgdOptions => new SearchAxes<T>(parse, baseOptions)
            .Ints(settings.Factors, "factors", (o, v) => (T)(o with { FactorCount = v }))
            .Ints(settings.Epochs, "epochs", (o, v) => (T)(o with { Epochs = v }))
            .Floats(settings.LearningRate, "learningRate", (o, v) => (T)(o with { LearningRate = v }))
            .Floats(settings.Regularization, "regularization", (o, v) => (T)(o with { FactorRegularization = v }));

    private static Func<TOptions, RatingStore, IScoringModel> OnInteractions<TOptions>(InteractionPolicy policy, Func<TOptions, RatingStore, IScoringModel> fit) =>
        (options, store) => fit(options, policy.Apply(store).Store);
}
