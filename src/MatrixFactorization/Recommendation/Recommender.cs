using System.Buffers;
using System.Numerics;
using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Top-N recommendation and nearest neighbours over any <see cref="IScoringModel"/>. Safe for
/// concurrent use.
/// </summary>
/// <remarks>
/// <para>
/// Items are ranked by the model's scores; for a rating model that is its <em>unclipped</em>
/// prediction, because clipping to the rating scale would tie every item predicted above the top of
/// the scale. Items without training data are never recommended.
/// </para>
/// <para>
/// Models that implement <see cref="IFactorModel"/> are ranked by scanning a compact bfloat16 copy
/// of the item factors and rescoring the candidates with the exact dot product, so the lists equal
/// a full ranking of the model's scores at a fraction of the memory traffic. Other models score
/// every item through <see cref="IScoringModel.ScoreItems(int, Span{float})"/>. Similar items and
/// users need an <see cref="IEmbeddingModel"/>.
/// </para>
/// <para>
/// Cold start: a user the model does not know gets the model's cold-start scores — for the biased
/// and baseline models μ + b_i, the items anyone is expected to rate highest; for the plain model
/// p̄·q_i, where p̄ is the mean factor vector of the known users. Never an error or NaN.
/// </para>
/// <para>
/// A model stores parameters, not ratings, so "already rated" items can be excluded only when the
/// recommender is given the training ratings or the <see cref="SeenItems"/> a model file stored
/// with the model; otherwise <c>excludeRated</c> has nothing to exclude.
/// </para>
/// <para>
/// Users are named by raw id (<see cref="Recommend(string, int, bool, Predicate{int})"/>,
/// <see cref="Recommend(long, int, bool, Predicate{int})"/>) or by dense index
/// (<see cref="RecommendByIndex"/>); the two never share a method name.
/// </para>
/// </remarks>
public sealed partial class Recommender
{
    private readonly RatedItems? _rated;
    private readonly int[] _unknownItems;

    /// <summary>Creates a recommender for a model.</summary>
    /// <param name="model">Any scoring model: the library's or your own.</param>
    /// <param name="ratings">
    /// The ratings whose items count as already rated (usually the training set); matched by raw id
    /// when they do not share the model's id maps. Optional.
    /// </param>
    /// <param name="minimumItemRatings">
    /// Leave out of every list the items with fewer ratings than this in <paramref name="ratings"/>:
    /// a rating model's highest predictions are often for items a handful of people loved, which a
    /// list should not lead with. 0 (the default) leaves nothing out.
    /// </param>
    /// <exception cref="ArgumentException">A factor model's parameters do not fit its id maps, or a minimum is given without ratings.</exception>
    public Recommender(IScoringModel model, RatingStore? ratings = null, int minimumItemRatings = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumItemRatings);
        if (minimumItemRatings > 0 && ratings is null)
        {
            throw new ArgumentException("Leaving out items with few ratings needs the ratings to count them; pass the training ratings.", nameof(minimumItemRatings));
        }

        Model = model;
        Factors = model is IFactorModel factorModel ? new FactorRanking(factorModel) : null;
        _rated = ratings is null ? null : new RatedItems(ratings, model.Users, model.Items);
        bool[] rare = minimumItemRatings > 0 ? RareItems(ratings!, model, minimumItemRatings) : new bool[model.Items.Count];
        _unknownItems = Enumerable.Range(0, model.Items.Count).Where(i => !model.IsKnownItem(i) || rare[i]).ToArray();
        KnownItemCount = model.Items.Count - _unknownItems.Length;
        MinimumItemRatings = minimumItemRatings;
    }

    /// <summary>Creates a recommender that leaves out the items each user has seen, such as those stored in the model's file.</summary>
    /// <param name="model">Any scoring model.</param>
    /// <param name="seenItems">Each user's seen items in the model's dense indices (<c>ModelFile.SeenItems</c>).</param>
    /// <param name="minimumItemRatings">
    /// Leave out of every list the items fewer than this many users have seen; 0 (the default)
    /// leaves nothing out.
    /// </param>
    /// <exception cref="ArgumentException">The seen items are not for the model's users and items, or a factor model's parameters do not fit its id maps.</exception>
    public Recommender(IScoringModel model, SeenItems seenItems, int minimumItemRatings = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(seenItems);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumItemRatings);
        if (seenItems.UserCount != model.Users.Count || seenItems.ItemCount != model.Items.Count)
        {
            throw new ArgumentException(
                $"The seen items are for {seenItems.UserCount} users and {seenItems.ItemCount} items, but the model has {model.Users.Count} and {model.Items.Count}.",
                nameof(seenItems));
        }

        Model = model;
        Factors = model is IFactorModel factorModel ? new FactorRanking(factorModel) : null;
        _rated = new RatedItems(seenItems);
        int[] counts = minimumItemRatings > 0 ? seenItems.CountUsersPerItem() : [];
        _unknownItems = Enumerable.Range(0, model.Items.Count).Where(i => !model.IsKnownItem(i) || (counts.Length > 0 && counts[i] < minimumItemRatings)).ToArray();
        KnownItemCount = model.Items.Count - _unknownItems.Length;
        MinimumItemRatings = minimumItemRatings;
    }

    /// <summary>The model recommendations come from.</summary>
    public IScoringModel Model { get; }

    /// <summary>Whether already-rated items can be excluded (ratings or seen items were given).</summary>
    public bool KnowsRatedItems => _rated is not null;

    /// <summary>The number of items lists can hold: those with training data and, when a minimum is set, enough ratings.</summary>
    public int KnownItemCount { get; }

    /// <summary>Items with fewer ratings than this are left out of every list; 0 when none are.</summary>
    public int MinimumItemRatings { get; }

    /// <summary>The factor model's prepared ranking data; null for models without the factor shape.</summary>
    internal FactorRanking? Factors { get; }

    private int ItemCount => Model.Items.Count;

    private int ScoreBufferLength => Factors?.ScoreBufferLength ?? ItemCount;

    /// <summary>The best <paramref name="count"/> items for a user given by raw id, best first.</summary>
    /// <param name="userId">A raw user id; one the model does not know gets cold-start recommendations.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items the user rated in the ratings given to the constructor.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>; it may be asked about an item more than once.</param>
    /// <returns>Up to <paramref name="count"/> items with their scores (unclipped predicted ratings for a rating model), ties to the lower index.</returns>
    public ScoredItem[] Recommend(string userId, int count, bool excludeRated = true, Predicate<int>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return RecommendByIndex(Model.Users.TryGetIndex(userId, out int user) ? user : -1, count, excludeRated, filter);
    }

    /// <summary>The best <paramref name="count"/> items for a user given by raw integer id, best first.</summary>
    /// <param name="userId">A raw user id (for example MovieLens' userId); one the model does not know gets cold-start recommendations.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items the user rated in the ratings given to the constructor.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>; it may be asked about an item more than once.</param>
    /// <returns>Up to <paramref name="count"/> items with their scores, ties to the lower index.</returns>
    public ScoredItem[] Recommend(long userId, int count, bool excludeRated = true, Predicate<int>? filter = null) =>
        RecommendByIndex(Model.Users.TryGetIndex(userId, out int user) ? user : -1, count, excludeRated, filter);

    /// <summary>The best <paramref name="count"/> items for a user given by dense index, best first.</summary>
    /// <param name="userIndex">A dense user index; an unknown or out-of-range index gets cold-start recommendations.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items the user rated in the ratings given to the constructor.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>; it may be asked about an item more than once.</param>
    /// <returns>Up to <paramref name="count"/> items with their scores, ties to the lower index.</returns>
    public ScoredItem[] RecommendByIndex(int userIndex, int count, bool excludeRated = true, Predicate<int>? filter = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        float[] scores = ArrayPool<float>.Shared.Rent(ScoreBufferLength);
        try
        {
            Span<float> span = scores.AsSpan(0, ItemCount);
            float offset = 0, error = 0;
            ReadOnlySpan<float> vector = default;
            if (Factors is { } factors)
            {
                offset = factors.ScoreUser(userIndex, scores, out vector, out error);
            }
            else
            {
                Model.ScoreItems(userIndex, span);
            }

            MaskUnknownItems(span);
            if (excludeRated)
            {
                _rated?.Exclude(userIndex, span);
            }

            return Select(span, offset, count, filter, vector, error);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// Ranks items by <c>scores[i] + addend[i]</c> (just <c>scores[i]</c> when the addend is empty)
    /// and reports each kept score plus <paramref name="offset"/>. Negative infinity and NaN are skipped.
    /// </summary>
    internal ScoredItem[] Select(ReadOnlySpan<float> scores, ReadOnlySpan<float> addend, float offset, int count, Predicate<int>? filter) =>
        Rank(scores, addend, offset, count, filter, default, 0);

    /// <summary>
    /// Ranks items by their exact scores given scores from <see cref="FactorRanking.ScoreUser"/>
    /// or <see cref="FactorRanking.ScoreVector"/>, which may be approximate: the item biases are
    /// added here, and when <paramref name="vector"/> is not empty the candidates are rescored exactly.
    /// </summary>
    internal ScoredItem[] Select(ReadOnlySpan<float> scores, float offset, int count, Predicate<int>? filter, ReadOnlySpan<float> vector, float error) =>
        Rank(scores, Factors is null ? default : Factors.Addend, offset, count, filter, vector, error);

    private ScoredItem[] Rank(
        ReadOnlySpan<float> scores, ReadOnlySpan<float> addend, float offset, int count, Predicate<int>? filter, ReadOnlySpan<float> vector, float error)
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
            if (!vector.IsEmpty && top.Count > 0)
            {
                Rescore(ref top, scores, addend, filter, vector, error);
            }

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

    /// <summary>
    /// Replaces a heap filled from approximate scores with the exact best: every item that could
    /// still be among them is rescored with the exact dot product, the one the model predicts with.
    /// </summary>
    /// <remarks>
    /// Each approximate key (score plus bias) is within δ of the exact key, δ being the score's error
    /// bound plus the rounding of the two additions. The heap's worst key w is then at most δ above
    /// the exact count-th best key, and an item of the exact top has an approximate key of at least
    /// that key minus δ — so at least w − 2δ. Only items above that line are rescored; a full scan
    /// of the rest is unnecessary. With fewer items than the heap holds, every item is rescored.
    /// </remarks>
    private void Rescore(ref TopK top, ReadOnlySpan<float> scores, ReadOnlySpan<float> addend, Predicate<int>? filter, ReadOnlySpan<float> vector, float error)
    {
        float line = float.NegativeInfinity;
        if (top.IsFull)
        {
            float worst = top.Worst;
            float delta = (error * (1 + 1e-6f)) + (MathF.ScaleB(1, -20) * (Math.Abs(top.Best) + Math.Abs(worst) + error + 1));
            line = worst - (2 * delta);
        }

        top.Clear();
        bool add = addend.Length != 0;
        int width = Vector<float>.Count;
        var threshold = new Vector<float>(line);
        int i = 0;
        for (; i <= scores.Length - width; i += width)
        {
            // Most blocks hold no candidate: one vector comparison skips them.
            var block = new Vector<float>(scores[i..]);
            if (add)
            {
                block += new Vector<float>(addend[i..]);
            }

            if (Vector.GreaterThanOrEqualAny(block, threshold))
            {
                for (int j = i; j < i + width; j++)
                {
                    OfferExact(ref top, j, add ? scores[j] + addend[j] : scores[j], line, addend, filter, vector);
                }
            }
        }

        for (; i < scores.Length; i++)
        {
            OfferExact(ref top, i, add ? scores[i] + addend[i] : scores[i], line, addend, filter, vector);
        }
    }

    /// <summary>Which model items (by dense index) have fewer than <paramref name="minimum"/> ratings in the store, matched by raw id.</summary>
    private static bool[] RareItems(RatingStore ratings, IScoringModel model, int minimum)
    {
        int[] toModel = IdTranslation.Map(ratings.Items, model.Items);
        var counts = new int[model.Items.Count];
        foreach (int item in ratings.ItemIndices)
        {
            if (toModel[item] >= 0)
            {
                counts[toModel[item]]++;
            }
        }

        return counts.Select(c => c < minimum).ToArray();
    }

    private void MaskUnknownItems(Span<float> scores)
    {
        // Items without training data have untrained parameters; their scores mean nothing.
        foreach (int i in _unknownItems)
        {
            scores[i] = float.NegativeInfinity;
        }
    }

    private void OfferExact(ref TopK top, int item, float approximateKey, float line, ReadOnlySpan<float> addend, Predicate<int>? filter, ReadOnlySpan<float> vector)
    {
        // Negative infinity marks excluded and unknown items; NaN fails every comparison.
        if (approximateKey >= line && approximateKey != float.NegativeInfinity && (filter is null || filter(item)))
        {
            float exact = Factors!.ExactScore(vector, item);
            top.Offer(item, addend.Length != 0 ? exact + addend[item] : exact);
        }
    }
}
