using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Kernels;

namespace MatrixFactorization.Tests.Ease;

/// <summary>EASE computed the textbook way, densely in doubles, for comparison with the library.</summary>
internal static class EaseReference
{
    /// <summary>A random store: each user rates each item with probability <paramref name="density"/>, any rating.</summary>
    public static RatingStore RandomStore(int users, int items, double density, int seed)
    {
        var rng = new Random(seed);
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < users; u++)
        {
            for (int i = 0; i < items; i++)
            {
                if (rng.NextDouble() < density)
                {
                    builder.Add(100 + u, 500 + i, 1 + rng.Next(5));
                }
            }
        }

        return builder.Build();
    }

    /// <summary>The dense interaction matrix: where the store holds (u, i), X[u, i] is 1 (binary) or
    /// the rating over the largest rating in the store; 0 elsewhere.</summary>
    public static double[,] Interactions(RatingStore store, InteractionWeighting weighting)
    {
        var x = new double[store.UserCount, store.ItemCount];
        float top = 0;
        for (int k = 0; k < store.Count; k++)
        {
            top = Math.Max(top, store[k].Value);
        }

        for (int k = 0; k < store.Count; k++)
        {
            // The library divides in float, as a user of a weighted model would; so does the reference.
            x[store[k].User, store[k].Item] = weighting == InteractionWeighting.Binary ? 1 : store[k].Value / top;
        }

        return x;
    }

    /// <summary>B = I − P·diag(1/diag P) with P = (XᵀX + λI)⁻¹ by Gauss-Jordan elimination, and diag(B) = 0.</summary>
    public static double[,] Weights(RatingStore store, double lambda, InteractionWeighting weighting)
    {
        double[,] x = Interactions(store, weighting);
        int m = store.UserCount, n = store.ItemCount;
        var g = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = i == j ? lambda : 0;
                for (int u = 0; u < m; u++)
                {
                    sum += x[u, i] * x[u, j];
                }

                g[(i * n) + j] = sum;
            }
        }

        double[] p = SymmetricInverseTests.GaussJordan(g, n);
        var b = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                b[i, j] = i == j ? 0 : -p[(i * n) + j] / p[(j * n) + j];
            }
        }

        return b;
    }
}
