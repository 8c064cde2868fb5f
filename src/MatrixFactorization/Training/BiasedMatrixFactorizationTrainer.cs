using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>Trains a <see cref="BiasedMatrixFactorizationModel"/> (r̂ = μ + b_u + b_i + p·q) by
/// parallel, reproducible SGD.</summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class BiasedMatrixFactorizationTrainer(BiasedMatrixFactorizationOptions? options = null) : ITrainer<BiasedMatrixFactorizationModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public BiasedMatrixFactorizationOptions Options { get; } = options ?? new BiasedMatrixFactorizationOptions();

    /// <inheritdoc/>
    public BiasedMatrixFactorizationModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
            SgdRun.Start(store, domain, Options, Options.BiasRegularization, state =>
                new BiasedMatrixFactorizationModel(domain, state.P, state.Q, state.UserBiases, state.ItemBiases, Options.ClipPredictions)));
}
