using System.Buffers;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Recommendation;

public sealed partial class Recommender
{
    private float[]? _itemNorms;
    private float[]? _userNorms;

    /// <summary>
    /// The items whose factor vectors (a neural model's item embeddings) have the highest cosine
    /// similarity with an item's, best first, excluding the item itself and items without training ratings.
    /// </summary>
    /// <param name="item">A dense item index of a known item.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="filter">Keeps only items for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model has no factors (the baseline).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The item is unknown to the model.</exception>
    public ScoredItem[] SimilarItems(int item, int count, Predicate<int>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        FactorMatrix items = RequireFactors().Items;
        if (!Parameters.IsKnownItem(item))
        {
            throw new ArgumentOutOfRangeException(nameof(item), item, "The item had no training ratings, so it has no learned factors.");
        }

        float[] norms = LazyInitializer.EnsureInitialized(ref _itemNorms, () => Norms(items));
        float[] scores = ArrayPool<float>.Shared.Rent(items.Rows);
        try
        {
            Span<float> span = scores.AsSpan(0, items.Rows);
            FactorKernels.CosineSimilarityAll(items.Row(item), items, norms, span);
            for (int i = 0; i < span.Length; i++)
            {
                if (!Parameters.IsKnownItem(i))
                {
                    span[i] = float.NegativeInfinity;
                }
            }

            span[item] = float.NegativeInfinity;
            return Select(span, [], 0, count, filter);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// The users whose factor vectors (a neural model's user embeddings) have the highest cosine similarity with a user's, best first,
    /// excluding the user itself and users without training ratings.
    /// </summary>
    /// <param name="user">A dense user index of a known user.</param>
    /// <param name="count">How many users at most.</param>
    /// <returns>Up to <paramref name="count"/> users with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model has no factors (the baseline).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The user is unknown to the model.</exception>
    public ScoredUser[] SimilarUsers(int user, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        FactorMatrix users = RequireFactors().Users;
        if (!Parameters.IsKnownUser(user))
        {
            throw new ArgumentOutOfRangeException(nameof(user), user, "The user had no training ratings, so it has no learned factors.");
        }

        float[] norms = LazyInitializer.EnsureInitialized(ref _userNorms, () => Norms(users));
        var scores = new float[users.Rows];
        FactorKernels.CosineSimilarityAll(users.Row(user), users, norms, scores);
        for (int u = 0; u < scores.Length; u++)
        {
            if (!Parameters.IsKnownUser(u))
            {
                scores[u] = float.NegativeInfinity;
            }
        }

        scores[user] = float.NegativeInfinity;
        count = Math.Min(count, scores.Length);
        var indices = new int[count];
        var best = new float[count];
        var top = new TopK(indices, best);
        top.OfferAll(scores, [], null);
        int kept = top.DrainSorted();
        IdMap ids = Model.Users;
        var result = new ScoredUser[kept];
        for (int k = 0; k < kept; k++)
        {
            result[k] = new ScoredUser(indices[k], ids.GetId(indices[k]), best[k]);
        }

        return result;
    }

    private (FactorMatrix Users, FactorMatrix Items) RequireFactors() =>
        Parameters.ItemEmbeddings is null
            ? throw new NotSupportedException("The baseline model has no factor vectors to compare.")
            : (Parameters.UserEmbeddings!, Parameters.ItemEmbeddings);

    private static float[] Norms(FactorMatrix matrix)
    {
        var norms = new float[matrix.Rows];
        FactorKernels.RowNorms(matrix, norms);
        return norms;
    }
}
