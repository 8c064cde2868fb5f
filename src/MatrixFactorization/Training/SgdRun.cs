using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>
/// Parallel, reproducible SGD training of a factorization model: the ratings are cut into a grid of
/// blocks, and an epoch updates independent blocks on several threads in a seeded order, checking
/// for cancellation between blocks. The plain and biased trainers differ only in whether biases
/// are learned and in the model they return.
/// </summary>
internal static class SgdRun
{
    /// <summary>A freshly initialized state, the model over it and the engine that trains it.</summary>
    /// <param name="train">The training ratings.</param>
    /// <param name="domain">Their domain.</param>
    /// <param name="options">The settings.</param>
    /// <param name="biasRegularization">λ of the biases, or null to learn none.</param>
    /// <param name="createModel">The model over the state's parameters (shared, not copied).</param>
    public static TrainingRun<TModel> Start<TModel>(
        RatingStore train, TrainingDomain domain, SgdOptions options, float? biasRegularization, Func<SgdState, TModel> createModel)
    {
        bool biased = biasRegularization is not null;
        SgdState state = SgdState.Create(train, options, biased, biasRegularization ?? 0f, domain);
        BlockGrid grid = BlockGrid.Build(train, options.GridSize, options.Seed, options.Shuffle, threads: options.EffectiveThreads);
        int threads = options.EffectiveThreads;
        ulong seed = options.Seed;
        IEpochRunner runner = (biased, options.Optimizer == SgdOptimizer.AdaGrad) switch
        {
            (false, false) => new SgdEngine<PlainSgdRule>(state, grid, threads, seed),
            (true, false) => new SgdEngine<BiasedSgdRule>(state, grid, threads, seed),
            (false, true) => new SgdEngine<PlainAdaGradRule>(state, grid, threads, seed),
            (true, true) => new SgdEngine<BiasedAdaGradRule>(state, grid, threads, seed),
        };
        return new TrainingRun<TModel>(runner, state, createModel(state), DivergenceBound.ForRatings(domain.Scale));
    }
}
