using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// The one <see cref="ITrainer{TModel}.Fit"/> every trainer shares: it checks the data, maps the
/// validation ratings, starts the model's run (its parameters, the model over them and the
/// engine that trains an epoch) and hands it to the epoch loop, which schedules the learning rate,
/// reports progress, detects divergence and keeps the best epoch under early stopping.
/// </summary>
/// <typeparam name="TOptions">The settings type.</typeparam>
/// <typeparam name="TModel">The model trained.</typeparam>
public abstract class Trainer<TOptions, TModel> : ITrainer<TModel>
    where TOptions : TrainerOptions
    where TModel : IRatingModel
{
    private protected Trainer(TOptions options) => Options = options;

    /// <summary>The settings this trainer uses.</summary>
    public TOptions Options { get; }

    /// <inheritdoc/>
    public TModel Fit(
        RatingStore train,
        RatingStore? validation = null,
        IProgress<EpochReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var loop = new EpochLoop(train, validation, Options.CreatePlan());
        using TrainingRun<TModel> run = Start(train, loop.Domain);
        loop.Run(run.Runner, run.State, run.Model, progress, cancellationToken);
        return run.Model;
    }

    /// <summary>A freshly initialized state, the model over it and the engine that trains it.</summary>
    private protected abstract TrainingRun<TModel> Start(RatingStore train, TrainingDomain domain);
}
