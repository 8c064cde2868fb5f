using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Trains an <see cref="SvdPlusPlusModel"/> (Koren 2008: r̂_ui = μ + b_u + b_i + q_i · (p_u +
/// |N(u)|^−½ Σ_{j∈N(u)} y_j), N(u) the items u rated) by SGD, one user at a time.
/// </summary>
/// <remarks>
/// <para>Each epoch visits the users in a seeded order. For each user the implicit sum is computed
/// once and held while the user's ratings (in a seeded order) update the biases, p_u and q_i; the
/// gradient of the y_j is summed over those ratings and applied to every y_j of the user once, at
/// the end of the user's pass: the standard cached-sum approximation, which makes an epoch cost
/// about what an epoch of biased MF costs instead of |N(u)| times more.</para>
/// <para>The training loss is the RMSE of the errors seen during the epoch, each before its
/// update; an epoch whose loss passes <see cref="TrainingDivergedException"/>'s bound ends training
/// as diverged. The SGD pass runs on one thread, so the model is bit-identical for any
/// <see cref="SvdPlusPlusOptions.Threads"/>.</para>
/// </remarks>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class SvdPlusPlusTrainer(SvdPlusPlusOptions? options = null) : ITrainer<SvdPlusPlusModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public SvdPlusPlusOptions Options { get; } = options ?? new SvdPlusPlusOptions();

    /// <inheritdoc/>
    public SvdPlusPlusModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
        {
            var engine = new SvdPlusPlusEngine(store, domain, Options);
            var model = new SvdPlusPlusModel(
                domain, engine.CombinedFactors, engine.ItemFactors, engine.ImplicitFactors, engine.UserBiases, engine.ItemBiases, Options.ClipPredictions);
            return new TrainingRun<SvdPlusPlusModel>(engine, engine, model, DivergenceBound.ForRatings(domain.Scale));
        });
}
