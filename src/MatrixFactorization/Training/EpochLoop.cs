using System.Diagnostics;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// The epoch loop every iterative trainer runs. It asks the schedule for each epoch's learning
/// rate, times the epoch, stops on divergence (see <see cref="Run"/>), scores the validation set
/// with the model's own predictions, reports progress, and under early stopping keeps the best
/// epoch's parameters and restores them at the end. A trainer supplies what differs: an <see cref="IEpochRunner"/> that
/// trains one epoch, the <see cref="ITrainingState"/> it updates, and the model over that state.
/// </summary>
internal sealed class EpochLoop
{
    private readonly int _ratingCount;
    private readonly RatingStore _train;
    private readonly ValidationSet? _validation;
    private readonly EpochPlan _plan;

    /// <summary>Checks the training data and maps the validation ratings into its index space.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="EmptyDataException"><paramref name="train"/> has no ratings, or <paramref name="validation"/> is given but has none.</exception>
    public EpochLoop(RatingStore train, RatingStore? validation, EpochPlan plan)
    {
        ArgumentNullException.ThrowIfNull(train);
        EmptyDataException.ThrowIfNoTrainingRatings(train, nameof(train));
        if (validation is { Count: 0 })
        {
            throw new EmptyDataException("The validation set has no ratings, so no epoch can be scored. Pass null for no validation, or hold out some ratings for it.", nameof(validation));
        }

        Domain = TrainingDomain.From(train);
        _ratingCount = train.Count;
        _train = train;
        _validation = validation is null ? null : ValidationSet.Map(validation, Domain);
        _plan = plan;
    }

    /// <summary>
    /// The one <c>Fit</c> every trainer shares: checks the data, maps the validation ratings, starts
    /// the model's run (its parameters, the model over them and the engine that trains an epoch) and
    /// runs the epochs.
    /// </summary>
    /// <typeparam name="TModel">The model trained.</typeparam>
    /// <param name="options">The trainer's settings: epochs, schedule, patience.</param>
    /// <param name="train">The training ratings.</param>
    /// <param name="validation">Optional validation ratings.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellationToken">Passed to the engine.</param>
    /// <param name="start">Creates the state, the model over it and the engine, for the training data and its domain.</param>
    /// <returns>The trained model.</returns>
    public static TModel Train<TModel>(
        TrainerOptions options,
        RatingStore train,
        RatingStore? validation,
        IProgress<EpochReport>? progress,
        CancellationToken cancellationToken,
        Func<RatingStore, TrainingDomain, TrainingRun<TModel>> start)
        where TModel : IScoringModel
    {
        var loop = new EpochLoop(train, validation, options.CreatePlan());
        using TrainingRun<TModel> run = start(train, loop.Domain);
        loop.Run(run.Runner, run.State, run.Model, progress, cancellationToken, run.LossBound);
        return run.Model;
    }

    /// <summary>What the model knows of the training data besides its parameters.</summary>
    public TrainingDomain Domain { get; }

    /// <summary>Runs the epochs, leaving <paramref name="state"/> at the last epoch or, when early
    /// stopping kept one, the best.</summary>
    /// <param name="runner">Trains one epoch.</param>
    /// <param name="state">The parameters <paramref name="runner"/> updates.</param>
    /// <param name="model">The model over <paramref name="state"/> (sharing, not copying, its
    /// parameters), whose predictions are scored on the validation set.</param>
    /// <param name="progress">Receives a report after every epoch.</param>
    /// <param name="cancellationToken">Passed to the runner.</param>
    /// <param name="lossBound">The reported training loss (the root of the mean loss per example)
    /// past which an epoch has diverged though the loss is finite (<see cref="DivergenceBound"/>);
    /// null for none.</param>
    /// <exception cref="TrainingDivergedException">An epoch's loss is not finite or exceeds
    /// <paramref name="lossBound"/>, or the state became non-finite. The epochs before it were reported;
    /// the diverged one is not.</exception>
    public void Run(IEpochRunner runner, ITrainingState state, IScoringModel model, IProgress<EpochReport>? progress, CancellationToken cancellationToken, double? lossBound = null)
    {
        ParameterSnapshot? best = null;
        var earlyStopping = new EarlyStopping(_plan.EarlyStoppingPatience, _validation is not null);
        for (int epoch = 1; epoch <= _plan.Epochs; epoch++)
        {
            float learningRate = _plan.Schedule.RateAt(epoch);
            long start = Stopwatch.GetTimestamp();
            double loss = runner.RunEpoch(epoch, learningRate, cancellationToken);
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            if (!double.IsFinite(loss) || !state.IsFinite())
            {
                throw new TrainingDivergedException(epoch, learningRate);
            }

            double trainingLoss = Math.Sqrt(loss / _ratingCount);
            if (lossBound is double bound && trainingLoss > bound)
            {
                throw new TrainingDivergedException(epoch, learningRate, trainingLoss, bound);
            }

            (double Score, Metric Metric)? validation = _validation?.Score(model, _train);
            Metric metric = validation?.Metric ?? (model is IRatingModel ? Metric.Rmse : Metric.Ndcg);
            progress?.Report(new EpochReport(
                epoch,
                trainingLoss,
                validation?.Score,
                metric,
                learningRate,
                elapsed,
                _ratingCount / Math.Max(elapsed.TotalSeconds, 1e-9)));

            EarlyStopping.Decision decision = earlyStopping.Observe(validation?.Score, higherIsBetter: metric is not (Metric.Rmse or Metric.Mae));
            if (decision == EarlyStopping.Decision.Improved)
            {
                best ??= new ParameterSnapshot(state);
                best.Save();
            }
            else if (decision == EarlyStopping.Decision.Stop)
            {
                break;
            }
        }

        best?.Restore();
    }
}
