using System.Buffers;
using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Top-N recommendation and nearest neighbours over a trained <see cref="MatrixFactorizationModel"/>,
/// <see cref="BiasedMatrixFactorizationModel"/> or <see cref="BaselineModel"/>. Safe for
/// concurrent use.
/// </summary>
/// <remarks>
/// <para>
/// Items are ranked by the model's <em>unclipped</em> prediction, because clipping to the rating
/// scale would tie every item predicted above the top of the scale. The baseline model ranks by
/// μ + b_u + b_i, that is by b_i. Items without training ratings are never recommended.
/// </para>
/// <para>
/// Cold start: a user without training ratings (or unknown to the model) gets μ + b_i from the
/// biased and baseline models — the items the baseline expects anyone to rate highest — and
/// p̄·q_i from the plain model, where p̄ is the mean factor vector of the known users. Never an
/// error or NaN.
/// </para>
/// <para>
/// A model stores parameters, not ratings, so "already rated" items can be excluded only when the
/// recommender is given the training ratings; otherwise <c>excludeRated</c> has nothing to exclude.
/// </para>
/// </remarks>
public sealed partial class Recommender
{
    private readonly RatedItems? _rated;

    /// <summary>Creates a recommender for a model.</summary>
    /// <param name="model">A model trained by this library.</param>
    /// <param name="ratings">
    /// The ratings whose items count as already rated (usually the training set); matched by raw id
    /// when they do not share the model's id maps. Optional.
    /// </param>
    /// <exception cref="NotSupportedException">The model is not one of the library's model types.</exception>
    public Recommender(IRatingModel model, RatingStore? ratings = null)
    {
        Parameters = ModelParameters.From(model);
        _rated = ratings is null ? null : new RatedItems(ratings, model.Users, model.Items);
    }

    /// <summary>The model recommendations come from.</summary>
    public IRatingModel Model => Parameters.Model;

    /// <summary>Whether already-rated items can be excluded (ratings were given).</summary>
    public bool KnowsRatedItems => _rated is not null;

    internal ModelParameters Parameters { get; }

    /// <summary>The best <paramref name="count"/> items for a user, best first.</summary>
    /// <param name="user">A dense user index; an unknown or out-of-range index gets cold-start recommendations.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items the user rated in the ratings given to the constructor.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items with their unclipped predicted ratings, ties to the lower index.</returns>
    public ScoredItem[] Recommend(int user, int count, bool excludeRated = true, Predicate<int>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        float[] scores = ArrayPool<float>.Shared.Rent(Parameters.ItemCount);
        try
        {
            Span<float> span = scores.AsSpan(0, Parameters.ItemCount);
            float offset = Parameters.ScoreUser(user, span);
            if (excludeRated)
            {
                _rated?.Exclude(user, span);
            }

            return Select(span, Parameters.Addend, offset, count, filter);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>The best items for a user given by raw id; an unknown id gets cold-start recommendations.</summary>
    /// <param name="userId">A raw user id.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items the user already rated.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items, best first.</returns>
    public ScoredItem[] Recommend(string userId, int count, bool excludeRated = true, Predicate<int>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return Recommend(Model.Users.TryGetIndex(userId, out int user) ? user : -1, count, excludeRated, filter);
    }

    /// <summary>
    /// Ranks items by <c>scores[i] + addend[i]</c> (just <c>scores[i]</c> when the addend is empty)
    /// and reports each kept score plus <paramref name="offset"/>. Negative infinity and NaN are skipped.
    /// </summary>
    internal ScoredItem[] Select(ReadOnlySpan<float> scores, ReadOnlySpan<float> addend, float offset, int count, Predicate<int>? filter)
    {
        count = Math.Min(count, scores.Length);
        int[]? rentedIndices = null;
        float[]? rentedScores = null;
        Span<int> heapIndices = count <= 256 ? stackalloc int[count] : (rentedIndices = ArrayPool<int>.Shared.Rent(count)).AsSpan(0, count);
        Span<float> heapScores = count <= 256 ? stackalloc float[count] : (rentedScores = ArrayPool<float>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            var top = new TopK(heapIndices, heapScores);
            top.OfferAll(scores, addend, filter);
            int kept = top.DrainSorted();
            var result = new ScoredItem[kept];
            IdMap items = Model.Items;
            for (int k = 0; k < kept; k++)
            {
                result[k] = new ScoredItem(heapIndices[k], items.GetId(heapIndices[k]), heapScores[k] + offset);
            }

            return result;
        }
        finally
        {
            if (rentedIndices is not null)
            {
                ArrayPool<int>.Shared.Return(rentedIndices);
                ArrayPool<float>.Shared.Return(rentedScores!);
            }
        }
    }
}
