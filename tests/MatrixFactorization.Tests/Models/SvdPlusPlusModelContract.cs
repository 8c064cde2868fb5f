using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class SvdPlusPlusModelContract : RatingModelContract
{
    protected override IRatingModel Train(RatingStore train, int seed = 42, int threads = 1) =>
        new SvdPlusPlusTrainer(new SvdPlusPlusOptions { Seed = (ulong)seed, Threads = threads, FactorCount = 8, Epochs = 30 }).Fit(train);
}
