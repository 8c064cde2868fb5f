using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Trains a <see cref="BiasedMatrixFactorizationModel"/> (r̂ = μ + b_u + b_i + p·q) by explicit
/// alternating least squares with weighted-λ regularization (ALS-WR; Zhou, Wilkinson, Schreiber and
/// Pan 2008, the method of Spark's ALS), with the biases solved jointly with the factors.
/// </summary>
/// <remarks>
/// <para>Each epoch (iteration) solves every user's [p_u; b_u] exactly against the fixed [q_i; 1]
/// with targets r − μ − b_i, then every item's against the new users: a Cholesky factorization of a
/// (k + 1)×(k + 1) system per row. μ is the training mean and stays fixed. Users and items without
/// ratings keep zero parameters and are unknown to the model.</para>
/// <para>Each report's learning rate is 0 (least squares has none); its training loss is the
/// training RMSE after the iteration. With a validation set the loop reports its RMSE after every
/// iteration and early stopping keeps the best one. Least squares cannot overshoot, so no loss
/// bound applies; a system that is not positive definite (only from non-finite input) ends training as diverged.</para>
/// <para>Each row's solution depends only on its own ratings and the fixed side, so the model is
/// bit-identical for any thread count.</para>
/// </remarks>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class ExplicitAlsTrainer(ExplicitAlsOptions? options = null) : ITrainer<BiasedMatrixFactorizationModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public ExplicitAlsOptions Options { get; } = options ?? new ExplicitAlsOptions();

    /// <inheritdoc/>
    public BiasedMatrixFactorizationModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
        {
            var engine = new ExplicitAlsEngine(store, domain, Options);
            var model = new BiasedMatrixFactorizationModel(domain, engine.UserFactors, engine.ItemFactors, engine.UserBiases, engine.ItemBiases, Options.ClipPredictions);
            return new TrainingRun<BiasedMatrixFactorizationModel>(engine, engine, model);
        });
}
