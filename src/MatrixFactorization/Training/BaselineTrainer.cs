using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Fits a <see cref="BaselineModel"/> by alternating least squares on the biases
/// (Koren 2010, eq. 2–3): each pass, one epoch, sets b_i = Σ(r − μ − b_u) / (λ_i + n_i), then
/// b_u = Σ(r − μ − b_i) / (λ_u + n_u). Deterministic and single-threaded; it takes milliseconds.
/// </summary>
/// <remarks>Cancellation is checked between passes. Each report's learning rate is 0 (least squares
/// has none) and its training RMSE is that of the biases after the pass.</remarks>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class BaselineTrainer(BaselineOptions? options = null) : ITrainer<BaselineModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public BaselineOptions Options { get; } = options ?? new BaselineOptions();

    /// <inheritdoc/>
    public BaselineModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
        {
            var engine = new BaselineEngine(store, domain.GlobalMean, Options);
            return new TrainingRun<BaselineModel>(engine, engine, new BaselineModel(domain, engine.UserBiases, engine.ItemBiases, Options.ClipPredictions));
        });
}
