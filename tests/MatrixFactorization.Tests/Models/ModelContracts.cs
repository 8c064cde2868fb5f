using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class BaselineModelContract : RatingModelContract
{
    protected override bool SeedMatters => false;

    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) => new BaselineTrainer().Fit(train);
}

public sealed class MatrixFactorizationModelContract : RatingModelContract
{
    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) =>
        new MatrixFactorizationTrainer(new MatrixFactorizationOptions { Seed = (ulong)seed, Threads = threads, FactorCount = 8, Epochs = 30 }).Fit(train);
}

public sealed class BiasedMatrixFactorizationModelContract : RatingModelContract
{
    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) =>
        new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { Seed = (ulong)seed, Threads = threads, FactorCount = 8, Epochs = 30 }).Fit(train);
}
