using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>The ratings an implicit model trains on: those its objective counts as interactions.</summary>
internal static class InteractionFilter
{
    /// <summary>The interactions of <paramref name="store"/>, sharing its id maps: the store itself when every value is one.</summary>
    /// <exception cref="ArgumentException">No value is an interaction, or an interaction's value is negative or not finite.</exception>
    public static RatingStore Apply(RatingStore store, ImplicitObjective objective)
    {
        ArgumentNullException.ThrowIfNull(store);
        ReadOnlySpan<float> values = store.Values;
        var kept = new List<int>();
        for (int k = 0; k < values.Length; k++)
        {
            float value = values[k];
            if (!objective.IsInteraction(value))
            {
                continue;
            }

            if (!(float.IsFinite(value) && value >= 0))
            {
                Rating rating = store[k];
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"User '{store.Users.GetId(rating.User)}' has value {value} for item '{store.Items.GetId(rating.Item)}' (position {k}); implicit ALS needs interaction values that are finite and ≥ 0. Set {nameof(ImplicitObjective.InteractionThreshold)} to 0 or above to leave negative values out."),
                    nameof(store));
            }

            kept.Add(k);
        }

        if (kept.Count == 0 && store.Count > 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"None of the {store.Count} ratings reaches the {nameof(ImplicitObjective.InteractionThreshold)} of {objective.InteractionThreshold}; lower it to train on them."),
                nameof(store));
        }

        return kept.Count == store.Count ? store : store.Subset(kept.ToArray());
    }
}
