using System.Buffers;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

public sealed partial class Recommender
{
    private float[]? _itemNorms;
    private float[]? _userNorms;

    /// <summary>
    /// The items whose vectors (factors, or a neural model's embeddings) have the highest cosine
    /// similarity with an item's, best first, excluding the item itself and items without training data.
    /// </summary>
    /// <param name="itemId">A raw item id of a known item.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model is not an <see cref="IEmbeddingModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The item is unknown to the model.</exception>
    public ScoredItem[] SimilarItems(string itemId, int count, Predicate<int>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return SimilarItemsByIndex(KnownIndex(Model.Items.TryGetIndex(itemId, out int item), item, itemId, "item"), count, filter);
    }

    /// <summary>As <see cref="SimilarItems(string, int, Predicate{int})"/>, for a raw integer item id.</summary>
    /// <param name="itemId">A raw item id of a known item.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model is not an <see cref="IEmbeddingModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The item is unknown to the model.</exception>
    public ScoredItem[] SimilarItems(long itemId, int count, Predicate<int>? filter = null) =>
        SimilarItemsByIndex(KnownIndex(Model.Items.TryGetIndex(itemId, out int item), item, itemId, "item"), count, filter);

    /// <summary>As <see cref="SimilarItems(string, int, Predicate{int})"/>, for an item given by dense index.</summary>
    /// <param name="itemIndex">A dense item index of a known item.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="filter">Keeps only items for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model is not an <see cref="IEmbeddingModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The item is unknown to the model.</exception>
    public ScoredItem[] SimilarItemsByIndex(int itemIndex, int count, Predicate<int>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        FactorMatrix items = RequireEmbeddings().ItemEmbeddings;
        if (!Model.IsKnownItem(itemIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "The item had no training data, so it has no learned vector.");
        }

        float[] norms = LazyInitializer.EnsureInitialized(ref _itemNorms, () => Norms(items));
        float[] scores = ArrayPool<float>.Shared.Rent(items.Rows);
        try
        {
            Span<float> span = scores.AsSpan(0, items.Rows);
            FactorKernels.CosineSimilarityAll(items.GetRow(itemIndex), items, norms, span);
            MaskUnknownItems(span);
            span[itemIndex] = float.NegativeInfinity;
            return Select(span, [], 0, count, filter);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// The users whose vectors (factors, or a neural model's embeddings) have the highest cosine
    /// similarity with a user's, best first, excluding the user itself and users without training data.
    /// </summary>
    /// <param name="userId">A raw user id of a known user.</param>
    /// <param name="count">How many users at most.</param>
    /// <returns>Up to <paramref name="count"/> users with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model is not an <see cref="IEmbeddingModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The user is unknown to the model.</exception>
    public ScoredUser[] SimilarUsers(string userId, int count)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return SimilarUsersByIndex(KnownIndex(Model.Users.TryGetIndex(userId, out int user), user, userId, "user"), count);
    }

    /// <summary>As <see cref="SimilarUsers(string, int)"/>, for a raw integer user id.</summary>
    /// <param name="userId">A raw user id of a known user.</param>
    /// <param name="count">How many users at most.</param>
    /// <returns>Up to <paramref name="count"/> users with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model is not an <see cref="IEmbeddingModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The user is unknown to the model.</exception>
    public ScoredUser[] SimilarUsers(long userId, int count) =>
        SimilarUsersByIndex(KnownIndex(Model.Users.TryGetIndex(userId, out int user), user, userId, "user"), count);

    /// <summary>As <see cref="SimilarUsers(string, int)"/>, for a user given by dense index.</summary>
    /// <param name="userIndex">A dense user index of a known user.</param>
    /// <param name="count">How many users at most.</param>
    /// <returns>Up to <paramref name="count"/> users with their cosine similarity.</returns>
    /// <exception cref="NotSupportedException">The model is not an <see cref="IEmbeddingModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The user is unknown to the model.</exception>
    public ScoredUser[] SimilarUsersByIndex(int userIndex, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        FactorMatrix users = RequireEmbeddings().UserEmbeddings;
        if (!Model.IsKnownUser(userIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(userIndex), userIndex, "The user had no training data, so it has no learned vector.");
        }

        float[] norms = LazyInitializer.EnsureInitialized(ref _userNorms, () => Norms(users));
        var scores = new float[users.Rows];
        FactorKernels.CosineSimilarityAll(users.GetRow(userIndex), users, norms, scores);
        for (int u = 0; u < scores.Length; u++)
        {
            if (!Model.IsKnownUser(u))
            {
                scores[u] = float.NegativeInfinity;
            }
        }

        scores[userIndex] = float.NegativeInfinity;
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

    private static int KnownIndex<TId>(bool found, int index, TId id, string what) =>
        found ? index : throw new ArgumentOutOfRangeException(nameof(id), id, $"The model has no {what} with this id.");

    private IEmbeddingModel RequireEmbeddings() =>
        Model as IEmbeddingModel
        ?? throw new NotSupportedException($"A {Model.GetType().Name} has no user or item vectors to compare; similarity needs an {nameof(IEmbeddingModel)}.");

    private static float[] Norms(FactorMatrix matrix)
    {
        var norms = new float[matrix.Rows];
        FactorKernels.RowNorms(matrix, norms);
        return norms;
    }
}
