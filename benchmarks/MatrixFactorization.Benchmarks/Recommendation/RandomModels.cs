using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Benchmarks.Recommendation;

/// <summary>Biased models with random parameters of a chosen size, for timing ranking and fold-in without training.</summary>
internal static class RandomModels
{
    public static BiasedMatrixFactorizationModel Biased(int users, int items, int factors, int seed = 1)
    {
        var rng = new Random(seed);
        var p = Fill(new FactorMatrix(users, factors), rng);
        var q = Fill(new FactorMatrix(items, factors), rng);
        float[] bu = Enumerable.Range(0, users).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        float[] bi = Enumerable.Range(0, items).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var userIds = new IdMap(IdKind.Integer);
        var itemIds = new IdMap(IdKind.Integer);
        for (int u = 0; u < users; u++)
        {
            userIds.GetOrAdd(u + 1);
        }

        for (int i = 0; i < items; i++)
        {
            itemIds.GetOrAdd(i + 1);
        }

        var domain = new TrainingDomain(
            userIds, itemIds, new RatingScale(0.5f, 5f, 0.5f), 3.5f, Enumerable.Repeat(true, users).ToArray(), Enumerable.Repeat(true, items).ToArray());
        return new BiasedMatrixFactorizationModel(domain, p, q, bu, bi, clipPredictions: true);
    }

    private static FactorMatrix Fill(FactorMatrix m, Random rng)
    {
        for (int r = 0; r < m.Rows; r++)
        {
            foreach (ref float x in m.Row(r))
            {
                x = (float)((rng.NextDouble() - 0.5) * 0.2);
            }
        }

        return m;
    }
}
