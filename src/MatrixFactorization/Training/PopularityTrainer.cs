using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>Counts each item's training interactions into a <see cref="PopularityModel"/>, optionally weighted by age.</summary>
/// <param name="options">The settings; null for a plain count.</param>
public sealed class PopularityTrainer(PopularityOptions? options = null) : ITrainer<PopularityModel>
{
    /// <summary>The settings this trainer uses.</summary>
    public PopularityOptions Options { get; } = options ?? new PopularityOptions();

    /// <inheritdoc/>
    public PopularityModel Fit(RatingStore train, RatingStore? validation = null, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default) =>
        EpochLoop.Train(Options, train, validation, progress, cancellationToken, (store, domain) =>
        {
            var engine = new PopularityEngine(store, Options);
            return new TrainingRun<PopularityModel>(engine, engine, new PopularityModel(domain, engine.Popularity));
        });
}
