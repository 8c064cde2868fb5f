namespace MatrixFactorization.Training;

/// <summary>What a model plugs into the epoch loop: the engine that trains one epoch, the state it
/// updates, and the model over that state (sharing, not copying, its parameters).</summary>
/// <typeparam name="TModel">The model trained.</typeparam>
internal sealed class TrainingRun<TModel>(IEpochRunner runner, ITrainingState state, TModel model) : IDisposable
{
    public IEpochRunner Runner { get; } = runner;

    public ITrainingState State { get; } = state;

    public TModel Model { get; } = model;

    public void Dispose() => Runner.Dispose();
}
