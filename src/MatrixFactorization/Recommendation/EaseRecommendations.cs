using System.Buffers;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// What an <see cref="EaseModel"/> offers beyond the scoring contract: lists for a user who was not
/// in training, from the items they interacted with, and the exact split of a score into what
/// each of the user's items adds.
/// </summary>
public static class EaseRecommendations
{
    /// <summary>The best items for a user who was not in training, given the items they interacted with, best first.</summary>
    /// <param name="recommender">A recommender over an <see cref="EaseModel"/>.</param>
    /// <param name="itemIds">Raw ids of the user's items; unknown ids and repeats are skipped. With no known item the list is the cold-start list.</param>
    /// <param name="count">How many items at most.</param>
    /// <param name="excludeRated">Leave out the items given.</param>
    /// <param name="filter">Keeps only items (dense indices) for which it returns <see langword="true"/>.</param>
    /// <returns>Up to <paramref name="count"/> items with their scores, ties to the lower index.</returns>
    /// <exception cref="ArgumentException">The recommender's model is not an <see cref="EaseModel"/>.</exception>
    public static ScoredItem[] RecommendNewUser(this Recommender recommender, IEnumerable<string> itemIds, int count, bool excludeRated = true, Predicate<int>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (recommender.Model is not EaseModel model)
        {
            throw new ArgumentException($"Lists for new users from their items need an {nameof(EaseModel)}, not a {recommender.Model.GetType().Name}.", nameof(recommender));
        }

        int items = model.Items.Count;
        float[] scores = ArrayPool<float>.Shared.Rent(items);
        try
        {
            Span<float> span = scores.AsSpan(0, items);
            int[] used = model.ScoreNewUser(itemIds, span);
            for (int i = 0; i < items; i++)
            {
                if (!model.IsKnownItem(i))
                {
                    span[i] = float.NegativeInfinity;
                }
            }

            if (excludeRated)
            {
                foreach (int item in used)
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
    /// Splits a training user's score for an item into the weight B_ji each of the user's items j
    /// adds: the contributions add up to the score (up to float rounding; the score is a float sum).
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="userIndex">The dense index of a user with training interactions.</param>
    /// <param name="itemIndex">The dense index of a known item.</param>
    /// <returns>The explanation: baseline 0, one contribution per training item of the user (its
    /// <see cref="ItemContribution.Rating"/> is 1, the interaction), largest first.</returns>
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
        var contributions = new ItemContribution[rated.Length];
        for (int k = 0; k < rated.Length; k++)
        {
            int j = rated[k];
            contributions[k] = new ItemContribution(j, model.Items.GetId(j), 1f, model.Weights.GetRow(j)[itemIndex]);
        }

        Array.Sort(contributions, (a, b) => b.Contribution.CompareTo(a.Contribution));
        Span<float> score = stackalloc float[1];
        model.ScoreItems(userIndex, [itemIndex], score);
        return new Explanation(itemIndex, score[0], 0, contributions);
    }
}
