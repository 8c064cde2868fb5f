using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;
using Microsoft.Extensions.Options;

namespace RecommendationService;

/// <summary>The loaded model and what answers requests from it; built once at start, safe for concurrent use.</summary>
public sealed class RecommendationEngine
{
    private readonly ItemCatalog? _titles;

    public RecommendationEngine(IOptions<RecommendationOptions> options, IHostEnvironment environment, ILogger<RecommendationEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        RecommendationOptions settings = options.Value;
        string Resolve(string path) => Path.GetFullPath(path, environment.ContentRootPath);

        RatingStore? ratings = string.IsNullOrEmpty(settings.RatingsPath) ? null : RatingReader.Read(Resolve(settings.RatingsPath)).Store;
        Model = ModelLoader.LoadOrTrain(Resolve(settings.ModelPath), ratings, settings.TrainIfMissing, logger);
        Recommender = new Recommender(Model, ratings, ratings is null ? 0 : settings.MinimumItemRatings);

        // The regularization the service's own training uses, so a folded-in user is fitted as a trained one was.
        FoldIn = Model is IFactorModel factors ? new FoldInSolver(factors, new BiasedMatrixFactorizationOptions().ToFoldInOptions()) : null;
        Scale = (Model as IRatingModel)?.Scale;
        _titles = string.IsNullOrEmpty(settings.TitlesPath) ? null : ItemCatalog.Read(Resolve(settings.TitlesPath));
        MaximumCount = settings.MaximumCount;
    }

    public IScoringModel Model { get; }

    public Recommender Recommender { get; }

    /// <summary>Folds in new users; null when the model has no factors to fold into.</summary>
    public FoldInSolver? FoldIn { get; }

    /// <summary>The rating scale new users' ratings must lie on; null for a model that ranks without ratings.</summary>
    public RatingScale? Scale { get; }

    public int MaximumCount { get; }

    public bool IsKnownUser(string id) => Model.Users.TryGetIndex(id, out int user) && Model.IsKnownUser(user);

    public bool IsKnownItem(string id) => Model.Items.TryGetIndex(id, out int item) && Model.IsKnownItem(item);

    public RecommendedItem[] Describe(ScoredItem[] items) =>
        [.. items.Select(item => new RecommendedItem(item.Id, Title(item.Id), item.Score))];

    public string? Title(string itemId) => _titles is not null && _titles.TryGet(itemId, out CatalogItem? found) ? found!.Title : null;
}
