using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

/// <summary>An exactly low-rank matrix, sampled densely enough, must be recovered on unseen cells.</summary>
public sealed class PlantedRecoveryTests
{
    [Fact]
    public void Plain_factorization_recovers_held_out_cells_of_a_rank_2_matrix()
    {
        var rng = new Random(3);
        const int Users = 60, Items = 40;
        double[][] p = Enumerable.Range(0, Users).Select(_ => new[] { 1 + rng.NextDouble(), rng.NextDouble() }).ToArray();
        double[][] q = Enumerable.Range(0, Items).Select(_ => new[] { 1 + rng.NextDouble(), rng.NextDouble() }).ToArray();
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < Users; u++)
        {
            for (int i = 0; i < Items; i++)
            {
                builder.Add(u, i, (float)((p[u][0] * q[i][0]) + (p[u][1] * q[i][1])));
            }
        }

        (RatingStore train, RatingStore test) = TestRatings.Split(builder.Build(), 0.3, seed: 9);
        MatrixFactorizationModel model = new MatrixFactorizationTrainer(new MatrixFactorizationOptions
        {
            FactorCount = 2,
            Epochs = 400,
            LearningRate = 0.02f,
            FactorRegularization = 0,
            Initialization = FactorInitialization.MeanMatched(0.1f),
            ClipPredictions = false,
        }).Fit(train);

        // Values span about 1 to 4.8; an RMSE of 0.05 is 1% of that range.
        TestRatings.Rmse(model, test).Should().BeLessThan(0.05);
    }
}
