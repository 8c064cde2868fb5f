using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Trains a <see cref="BprModel"/> by Bayesian personalized ranking: stochastic gradient ascent on
/// Σ ln σ(x̂_ui − x̂_uj) over sampled triples of a user u, an item i they chose and an item j
/// they did not, with L2 regularization. Each epoch draws one triple per interaction; the
/// training is parallel and gives the same model for any thread count.
/// </summary>
/// <remarks>
/// The interactions are the training ratings of at least <see cref="BprOptions.MinimumRating"/>;
/// their values are not used otherwise. <see cref="EpochReport.TrainingLoss"/> is the root of the
/// mean loss −ln σ(x̂_uij) of the epoch's triples, each taken before its step (ln 2 ≈ 0.69 before
/// any learning, so a reported 0.83 is no better than chance).
/// </remarks>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class BprTrainer(BprOptions? options = null) : ITrainer<BprModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public BprOptions Options { get; } = options ?? new BprOptions();

    /// <inheritdoc/>
    /// <exception cref="EmptyDataException">No training rating reaches <see cref="BprOptions.MinimumRating"/>.</exception>
    public BprModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        RatingStore interactions = Interactions(train);
        return EpochLoop.Train(Options, interactions, validation, progress, cancellationToken, (store, domain) =>
        {
            BprState state = BprState.Create(store, Options);
            BprGrid grid = BprGrid.Build(store, Options.GridSize, Options.Seed);
            var engine = new BprEngine(state, grid, Options);
            return new TrainingRun<BprModel>(engine, state, new BprModel(domain, state.P, state.Q, state.ItemBiases), DivergenceBound.ForBpr);
        });
    }

    /// <summary>The ratings that count as interactions: all of them, or those of at least the minimum rating.</summary>
    private RatingStore Interactions(RatingStore train)
    {
        float minimum = Options.MinimumRating;
        if (float.IsNegativeInfinity(minimum))
        {
            return train;
        }

        ReadOnlySpan<float> values = train.Values;
        var kept = new List<int>(values.Length);
        for (int k = 0; k < values.Length; k++)
        {
            if (values[k] >= minimum)
            {
                kept.Add(k);
            }
        }

        if (kept.Count == 0 && train.Count > 0)
        {
            throw new EmptyDataException(
                $"The training set has no interactions: none of its {train.Count} ratings reaches BprOptions.MinimumRating ({minimum}). Lower it (--min-rating) below the data's ratings, or use float.NegativeInfinity to count every rating.",
                nameof(train));
        }

        return kept.Count == values.Length ? train : train.Subset(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(kept));
    }
}
