using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Fits an <see cref="EaseModel"/>: every stored (user, item) pair of the training data is an
/// interaction, weighted as <see cref="EaseOptions.Weighting"/> says, and the item × item weights
/// are solved for in closed form, in double precision, in a single epoch. The model is
/// bit-identical for any thread count.
/// </summary>
/// <remarks>
/// Time grows with the cube of the smaller of the user and item counts (see docs/models/ease.md),
/// memory with the square of the items (<see cref="EaseOptions.MaxItems"/>). With a validation set
/// the epoch reports NDCG@10; the reported training loss is the root mean square of x_ui − score
/// over the training interactions.
/// </remarks>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class EaseTrainer(EaseOptions? options = null) : ITrainer<EaseModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public EaseOptions Options { get; } = options ?? new EaseOptions();

    /// <inheritdoc/>
    /// <exception cref="ItemLimitException">The training data has more items than <see cref="EaseOptions.MaxItems"/>.</exception>
    /// <exception cref="ArgumentException">Rating weighting of data whose top rating is not above 0.</exception>
    public EaseModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.ItemCount > Options.MaxItems)
        {
            throw new ItemLimitException(train.ItemCount, Options.MaxItems);
        }

        return EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
        {
            var interactions = InteractionMatrix.FromStore(store, Options.Weighting);
            var weights = new FactorMatrix(store.ItemCount, store.ItemCount);
            var model = new EaseModel(domain, interactions, weights, Options.Lambda, Options.Weighting);
            var engine = new EaseEngine(interactions, model, Options);
            return new TrainingRun<EaseModel>(engine, engine, model);
        });
    }
}
