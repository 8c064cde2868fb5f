using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Trains an <see cref="ImplicitAlsModel"/> by alternating least squares on implicit feedback
/// (Hu, Koren and Volinsky 2008), as the implicit library does: each epoch (iteration) solves every
/// user against the fixed item factors, then every item against the new user factors, by a few
/// conjugate-gradient steps warm-started from the previous factors or exactly by Cholesky.
/// </summary>
/// <remarks>
/// <para>Ratings below <see cref="ImplicitAlsOptions.InteractionThreshold"/> are left out first; the
/// rest are interactions whose stored value w sets the confidence (see <see cref="ImplicitObjective"/>).
/// Users and items without interactions are unknown to the model.</para>
/// <para>Each report's learning rate is 0 (least squares has none). Its training loss is
/// √(objective / interactions), the objective being eq. 3 of the paper after the iteration,
/// penalties included. With a validation set the loop reports NDCG@10 after every iteration and
/// early stopping keeps the best one.</para>
/// <para>Each row's solution depends only on its own interactions, the fixed side and its previous
/// value, so the model is bit-identical for any thread count.</para>
/// </remarks>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class ImplicitAlsTrainer(ImplicitAlsOptions? options = null) : ITrainer<ImplicitAlsModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public ImplicitAlsOptions Options { get; } = options ?? new ImplicitAlsOptions();

    /// <inheritdoc/>
    public ImplicitAlsModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ImplicitObjective objective = Options.ToObjective();
        RatingStore interactions = InteractionFilter.Apply(train, objective);
        return EpochLoop.Train(Options, interactions, validation, progress, cancellationToken, (store, domain) =>
        {
            var engine = new ImplicitAlsEngine(store, domain, Options, objective);
            var model = new ImplicitAlsModel(domain, engine.UserFactors, engine.ItemFactors, objective, engine.ColdStart);
            return new TrainingRun<ImplicitAlsModel>(engine, engine, model);
        });
    }
}
