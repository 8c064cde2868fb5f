using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class BprModelContract : ScoringModelContract
{
    /// <summary>Small and quick, with every rating an interaction so each contract user is known.</summary>
    internal static BprOptions Small(ulong seed = 42, int threads = 1) =>
        new() { Seed = seed, Threads = threads, FactorCount = 8, Epochs = 30, GridSize = 4, MinimumRating = float.NegativeInfinity };

    protected override IScoringModel Train(RatingStore train, ulong seed = 42, int threads = 1) => new BprTrainer(Small(seed, threads)).Fit(train);
}

public sealed class BprModelWithoutBiasesContract : ScoringModelContract
{
    protected override IScoringModel Train(RatingStore train, ulong seed = 42, int threads = 1) =>
        new BprTrainer(BprModelContract.Small(seed, threads) with { ItemBias = false, NegativeSampling = NegativeSampling.Uniform }).Fit(train);
}
