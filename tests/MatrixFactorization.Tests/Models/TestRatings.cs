using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Models;

/// <summary>Small rating sets made in the test, from a known low-rank model.</summary>
internal static class TestRatings
{
    /// <summary>
    /// Ratings r = 3 + b_u + b_i + p·q (rank 3) plus small noise, half-star rounded into [0.5, 5],
    /// on a random ~30% of a users × items grid. Raw ids are 1000 + index, so raw and dense differ.
    /// </summary>
    public static RatingStore LowRank(int users = 120, int items = 80, double density = 0.3, int seed = 1)
    {
        var rng = new Random(seed);
        double[][] p = Factors(users, 3, rng);
        double[][] q = Factors(items, 3, rng);
        double[] bu = Enumerable.Range(0, users).Select(_ => (rng.NextDouble() - 0.5) * 2.0).ToArray();
        double[] bi = Enumerable.Range(0, items).Select(_ => (rng.NextDouble() - 0.5) * 2.0).ToArray();
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < users; u++)
        {
            for (int i = 0; i < items; i++)
            {
                if (rng.NextDouble() >= density)
                {
                    continue;
                }

                double r = 3 + bu[u] + bi[i] + p[u].Zip(q[i], (x, y) => x * y).Sum() + ((rng.NextDouble() - 0.5) * 0.2);
                float rounded = (float)Math.Clamp(Math.Round(r * 2) / 2, 0.5, 5);
                builder.Add(1000 + u, 1000 + i, rounded, 1_000_000 + (u * items) + i);
            }
        }

        return builder.Build();
    }

    private static double[][] Factors(int rows, int k, Random rng) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, k).Select(_ => (rng.NextDouble() - 0.5) * 2.0).ToArray()).ToArray();

    /// <summary>Splits a store into train and test by a seeded coin per rating, sharing id maps.</summary>
    public static (RatingStore Train, RatingStore Test) Split(RatingStore store, double testFraction, int seed)
    {
        var rng = new Random(seed);
        var train = new List<int>();
        var test = new List<int>();
        for (int k = 0; k < store.Count; k++)
        {
            (rng.NextDouble() < testFraction ? test : train).Add(k);
        }

        return (store.Subset(train.ToArray()), store.Subset(test.ToArray()));
    }

    /// <summary>RMSE of a model on a store that shares its id maps.</summary>
    public static double Rmse(MatrixFactorization.Models.IRatingModel model, RatingStore test)
    {
        double sum = 0;
        for (int k = 0; k < test.Count; k++)
        {
            double e = test.Values[k] - model.PredictByIndex(test.UserIndices[k], test.ItemIndices[k]).Value;
            sum += e * e;
        }

        return Math.Sqrt(sum / test.Count);
    }
}
