using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class ExplicitAlsModelContract : RatingModelContract
{
    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) =>
        new ExplicitAlsTrainer(new ExplicitAlsOptions { Seed = (ulong)seed, Threads = threads, FactorCount = 8, Epochs = 10 }).Fit(train);
}

public sealed class ExplicitAlsUnweightedModelContract : RatingModelContract
{
    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) =>
        new ExplicitAlsTrainer(new ExplicitAlsOptions { Seed = (ulong)seed, Threads = threads, FactorCount = 8, Epochs = 10, WeightedRegularization = false, Regularization = 5f, BiasRegularization = 5f }).Fit(train);
}
