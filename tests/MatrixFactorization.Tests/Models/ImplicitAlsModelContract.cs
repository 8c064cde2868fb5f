using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class ImplicitAlsModelContract : ScoringModelContract
{
    protected override IScoringModel Train(RatingStore train, ulong seed = 42, int threads = 1) =>
        new ImplicitAlsTrainer(new ImplicitAlsOptions { Seed = seed, Threads = threads, FactorCount = 8, Epochs = 8, InteractionThreshold = 0f }).Fit(train);
}

public sealed class ImplicitAlsCholeskyModelContract : ScoringModelContract
{
    protected override IScoringModel Train(RatingStore train, ulong seed = 42, int threads = 1) =>
        new ImplicitAlsTrainer(new ImplicitAlsOptions { Seed = seed, Threads = threads, FactorCount = 8, Epochs = 8, Solver = ImplicitAlsSolver.Cholesky }).Fit(train);
}
