using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>Trains a <see cref="MatrixFactorizationModel"/> (r̂ = p·q) by parallel, reproducible SGD.</summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class MatrixFactorizationTrainer(MatrixFactorizationOptions? options = null) : ITrainer<MatrixFactorizationModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public MatrixFactorizationOptions Options { get; } = options ?? new MatrixFactorizationOptions();

    /// <inheritdoc/>
    public MatrixFactorizationModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
            SgdRun.Start(store, domain, Options, biasRegularization: null, state => new MatrixFactorizationModel(domain, state.P, state.Q, Options.ClipPredictions)));
}
