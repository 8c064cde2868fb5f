using System.Buffers;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// What an <see cref="EaseModel"/> offers beyond the scoring contract: scores and lists for a user
/// who was not in training, from their ratings, and the exact split of a score into what each of
/// a user's items adds.
/// </summary>
public static class EaseRecommendations
{
    /// <summary>
    /// Scores every item for a user who was not in training: their row of X (built from the ratings
    /// as training built each user's row) times B, exactly as for a training user with those ratings.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="ratings">The user's ratings by raw item id; unknown items are skipped and a repeated item keeps its last rating.
    /// A model with <see cref="InteractionWeighting.Binary"/> weighting uses only the items.</param>
    /// <param name="scores">At least <c>Items.Count</c> floats; the first <c>Items.Count</c> receive the scores.
    /// With no known item the user is a cold-start user and gets the interaction counts.</param>
    /// <returns>The dense indices of the items used, ascending: leave them out of the user's list.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rating is NaN or infinite (the message names its item and value).</exception>
    public static int[] ScoreNewUser(this EaseModel model, IEnumerable<ItemRating> ratings, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ratings);
        int count = model.Items.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(scores.Length, count, nameof(scores));
        var byItem = new SortedDictionary<int, float>();
        foreach (ItemRating rating in ratings)
        {
            ArgumentNullException.ThrowIfNull(rating.ItemId, nameof(ratings));
            FiniteRatings.Check(rating.Rating, "item", rating.ItemId, nameof(ratings));
            if (model.Items.TryGetIndex(rating.ItemId, out int item) && model.IsKnownItem(item))
            {
                byItem[item] = model.EntryOf(rating.Rating);
            }
        }

        int[] items = [.. byItem.Keys];
        if (items.Length == 0)
        {
            model.ScoreColdStart(scores[..count]);
        }
        else
        {
            model.SumRows(items, [.. byItem.Values], scores[..count]);
        }

        return items;
    }

    /// <summary>The best items for a user who was not in training, from their ratings, best first.</summary>
    /// <param name="recommender">A recommender over an <see cref="EaseModel"/>.</param>
    /// <param name="ratings">The user's ratings by raw item id (see <see cref="ScoreNewUser"/>); with no known item the list is the cold-start list.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items rated.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items with their scores, ties to the lower index.</returns>
    /// <exception cref="ArgumentException">The recommender's model is not an <see cref="EaseModel"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is NaN or infinite (the message names its item and value).</exception>
    public static ScoredItem[] RecommendNewUser(this Recommender recommender, IEnumerable<ItemRating> ratings, int count, bool excludeRated = true, Predicate<int>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (recommender.Model is not EaseModel model)
        {
            throw new ArgumentException($"Lists for new users from their ratings need an {nameof(EaseModel)}, not a {recommender.Model.GetType().Name}.", nameof(recommender));
        }

        int items = model.Items.Count;
        float[] scores = ArrayPool<float>.Shared.Rent(items);
        try
        {
            Span<float> span = scores.AsSpan(0, items);
            int[] rated = model.ScoreNewUser(ratings, span);
            for (int i = 0; i < items; i++)
            {
                if (!model.IsKnownItem(i))
                {
                    span[i] = float.NegativeInfinity;
                }
            }

            if (excludeRated)
            {
                foreach (int item in rated)
                {
                    span[item] = float.NegativeInfinity;
                }
            }

            return recommender.Select(span, default, 0, count, filter);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>
    /// Splits a training user's score for an item into what each of the user's items j adds,
    /// x_uj·B_ji: the contributions add up to the score (up to float rounding: the score is a float sum).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="userIndex">The dense index of a user with training interactions.</param>
    /// <param name="itemIndex">The dense index of a known item.</param>
    /// <returns>The explanation: baseline 0 and one contribution per training item of the user,
    /// largest first, whose <see cref="ItemContribution.Rating"/> is the user's entry x_uj in X
    /// (1 under binary weighting, the rating over the top rating under rating weighting).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The user has no training interactions or the item is unknown.</exception>
    public static Explanation ExplainByIndex(this EaseModel model, int userIndex, int itemIndex)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!model.IsKnownUser(userIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(userIndex), userIndex, "The user had no training interactions; a cold-start score has no contributions.");
        }

        if (!model.IsKnownItem(itemIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "The item had no training interactions.");
        }

        ReadOnlySpan<int> rated = model.Interactions.Row(userIndex);
        ReadOnlySpan<float> entries = model.Interactions.RowValues(userIndex);
        var contributions = new ItemContribution[rated.Length];
        for (int k = 0; k < rated.Length; k++)
        {
            int j = rated[k];
            contributions[k] = new ItemContribution(j, model.Items.GetId(j), entries[k], (double)entries[k] * model.Weights.GetRow(j)[itemIndex]);
        }

        Array.Sort(contributions, (a, b) => b.Contribution.CompareTo(a.Contribution));
        Span<float> score = stackalloc float[1];
        model.ScoreItems(userIndex, [itemIndex], score);
        return new Explanation(itemIndex, score[0], 0, contributions);
    }
}
