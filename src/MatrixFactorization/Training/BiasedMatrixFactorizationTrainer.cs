using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>Trains a <see cref="BiasedMatrixFactorizationModel"/> (r̂ = μ + b_u + b_i + p·q) by
/// parallel, reproducible SGD.</summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class BiasedMatrixFactorizationTrainer(BiasedMatrixFactorizationOptions? options = null)
{
    /// <summary>The settings this trainer uses.</summary>
    public BiasedMatrixFactorizationOptions Options { get; } = options ?? new BiasedMatrixFactorizationOptions();

    /// <summary>Trains a model. The same options and data give a bit-identical model for any thread count.</summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="validation">Optional validation ratings, for per-epoch RMSE and early stopping.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellation">Stops training between strata; no model is returned then.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="TrainingDivergedException">The loss became non-finite.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public BiasedMatrixFactorizationModel Fit(
        RatingStore train,
        RatingStore? validation = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        TrainingDomain domain = TrainingDomain.From(train);
        SgdState state = SgdTraining.Run(train, validation, Options, biased: true, Options.BiasRegularization, domain, progress, cancellation);
        return new BiasedMatrixFactorizationModel(domain, state.P, state.Q, state.UserBiases, state.ItemBiases, Options.ClipPredictions);
    }
}
