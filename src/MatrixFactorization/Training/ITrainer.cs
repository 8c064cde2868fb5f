using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Trains one kind of model from ratings or interactions. Every trainer runs its epochs (passes)
/// through one loop: it reports each epoch, scores an optional validation set with the model's own
/// predictions (RMSE for a rating model, NDCG@10 of its lists for any other),
/// stops early when its options ask for it, and honours cancellation between units of work.
/// </summary>
/// <typeparam name="TModel">The model the trainer produces.</typeparam>
public interface ITrainer<out TModel>
    where TModel : IScoringModel
{
    /// <summary>Trains a model. The same options and data give a bit-identical model for any thread count.</summary>
    /// <param name="train">The training ratings; at least one.</param>
    /// <param name="validation">Optional validation ratings, mapped to the training ids by raw id:
    /// their score (see <see cref="EpochReport.ValidationMetric"/>) is reported after every epoch and drives early stopping where the options enable it.</param>
    /// <param name="progress">Receives an <see cref="EpochReport"/> after every epoch, on the training thread.</param>
    /// <param name="cancellationToken">Stops training; no model is returned then.</param>
    /// <returns>The trained model (the best epoch's, when early stopping kept one).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="EmptyDataException"><paramref name="train"/> has no ratings (for a list model: none
    /// that counts as an interaction), or <paramref name="validation"/> is given but has none.</exception>
    /// <exception cref="TrainingDivergedException">The loss became non-finite or, for a trainer with a
    /// learning rate, exceeded twice the worst loss of an untrained model (see the exception).</exception>
    /// <exception cref="OperationCanceledException">Training was cancelled.</exception>
    TModel Fit(
        RatingStore train,
        RatingStore? validation = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default);
}
