using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Trains a <see cref="NeuralModel"/> by mini-batch (or full-batch) Adam with decoupled weight decay,
/// a step-decay or phased learning-rate schedule, dropout and optional early stopping, on all threads.
/// Cancellation is checked between batches and, inside a batch, every few hundred ratings, so even
/// full-batch training stops promptly; training also stops as diverged when a layer weight or
/// bias becomes non-finite.
/// </summary>
/// <param name="options">The settings; null for the defaults.</param>
public sealed class NeuralTrainer(NeuralOptions? options = null) : ITrainer<NeuralModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public NeuralOptions Options { get; } = options ?? new NeuralOptions();

    /// <inheritdoc/>
    public NeuralModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
        {
            NeuralState state = NeuralState.Create(store, Options, domain);
            return new TrainingRun<NeuralModel>(new NeuralEngine(state, store, Options), state, state.ToModel(domain, Options.ClipPredictions), DivergenceBound.ForRatings(domain.Scale));
        });
}
