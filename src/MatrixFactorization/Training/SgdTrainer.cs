using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Parallel, reproducible SGD training of a factorization model: the ratings are cut into a grid of
/// blocks, and an epoch updates independent blocks on several threads in a seeded order, checking
/// for cancellation between blocks. The plain and biased trainers differ only in whether biases
/// are learned and in the model they return.
/// </summary>
/// <typeparam name="TOptions">The settings type.</typeparam>
/// <typeparam name="TModel">The model trained.</typeparam>
public abstract class SgdTrainer<TOptions, TModel> : Trainer<TOptions, TModel>
    where TOptions : SgdOptions
    where TModel : IRatingModel
{
    private protected SgdTrainer(TOptions options)
        : base(options)
    {
    }

    /// <summary>Whether the model learns biases around the global mean.</summary>
    private protected abstract bool LearnsBiases { get; }

    /// <summary>L2 regularization of the biases (unused without them).</summary>
    private protected virtual float BiasRegularization => 0f;

    private protected override TrainingRun<TModel> Start(RatingStore train, TrainingDomain domain)
    {
        SgdState state = SgdState.Create(train, Options, LearnsBiases, BiasRegularization, domain);
        BlockGrid grid = BlockGrid.Build(train, Options.GridSize, Options.Seed, Options.Shuffle, threads: Options.EffectiveThreads);
        return new TrainingRun<TModel>(CreateRunner(state, grid), state, CreateModel(domain, state));
    }

    /// <summary>The model over the state's parameters (shared, not copied).</summary>
    private protected abstract TModel CreateModel(TrainingDomain domain, SgdState state);

    private IEpochRunner CreateRunner(SgdState state, BlockGrid grid)
    {
        int threads = Options.EffectiveThreads;
        ulong seed = Options.Seed;
        return (LearnsBiases, Options.Optimizer == SgdOptimizer.AdaGrad) switch
        {
            (false, false) => new SgdEngine<PlainSgdRule>(state, grid, threads, seed),
            (true, false) => new SgdEngine<BiasedSgdRule>(state, grid, threads, seed),
            (false, true) => new SgdEngine<PlainAdaGradRule>(state, grid, threads, seed),
            (true, true) => new SgdEngine<BiasedAdaGradRule>(state, grid, threads, seed),
        };
    }
}
