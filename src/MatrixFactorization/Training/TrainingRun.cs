namespace MatrixFactorization.Training;

/// <summary>What a model plugs into the epoch loop: the engine that trains one epoch, the state it
/// updates, and the model over that state (sharing, not copying, its parameters).</summary>
/// <typeparam name="TModel">The model trained.</typeparam>
/// <param name="runner">Trains one epoch.</param>
/// <param name="state">The parameters the runner updates.</param>
/// <param name="model">The model over the state.</param>
/// <param name="lossBound">The reported training loss past which training has diverged
/// (<see cref="DivergenceBound"/>), or null for a trainer without a learning rate.</param>
internal sealed class TrainingRun<TModel>(IEpochRunner runner, ITrainingState state, TModel model, double? lossBound = null) : IDisposable
{
    public IEpochRunner Runner { get; } = runner;

    public ITrainingState State { get; } = state;

    public TModel Model { get; } = model;

    public double? LossBound { get; } = lossBound;

    public void Dispose() => Runner.Dispose();
}
