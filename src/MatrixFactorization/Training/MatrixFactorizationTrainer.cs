using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>Trains a <see cref="MatrixFactorizationModel"/> (r̂ = p·q) by parallel, reproducible SGD.</summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class MatrixFactorizationTrainer(MatrixFactorizationOptions? options = null)
{
    /// <summary>The settings this trainer uses.</summary>
    public MatrixFactorizationOptions Options { get; } = options ?? new MatrixFactorizationOptions();

    /// <summary>Trains a model. The same options and data give a bit-identical model for any thread count.</summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="validation">Optional validation ratings, for per-epoch RMSE and early stopping.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellation">Stops training between strata; no model is returned then.</param>
    /// <returns>The trained model.</returns>
    /// <exception cref="TrainingDivergedException">The loss became non-finite.</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    public MatrixFactorizationModel Fit(
        RatingStore train,
        RatingStore? validation = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        TrainingDomain domain = TrainingDomain.From(train);
        SgdState state = SgdTraining.Run(train, validation, Options, biased: false, 0f, domain, progress, cancellation);
        return new MatrixFactorizationModel(domain, state.P, state.Q, Options.ClipPredictions);
    }
}
