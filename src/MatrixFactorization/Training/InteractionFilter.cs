using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Training;

/// <summary>The ratings an implicit model trains on: those its objective counts as interactions.</summary>
internal static class InteractionFilter
{
    /// <summary>The interactions of <paramref name="store"/>, sharing its id maps: the store itself when every value is one.</summary>
    /// <exception cref="EmptyDataException">No value is an interaction.</exception>
    public static RatingStore Apply(RatingStore store, ImplicitObjective objective)
    {
        ArgumentNullException.ThrowIfNull(store);
        ReadOnlySpan<float> values = store.Values;
        int count = 0;
        foreach (float value in values)
        {
            // A store holds finite values only, so each one that passes is a valid interaction.
            if (objective.IsInteraction(value))
            {
                count++;
            }
        }

        if (count == store.Count)
        {
            return store;
        }

        if (count == 0)
        {
            throw new EmptyDataException(
                string.Create(CultureInfo.InvariantCulture, $"The training set has no interactions: none of its {store.Count} ratings reaches the {nameof(ImplicitObjective.InteractionThreshold)} of {objective.InteractionThreshold}. Lower ImplicitAlsOptions.InteractionThreshold (--min-rating) below the data's ratings to train on them."),
                nameof(store));
        }

        var kept = new int[count];
        int next = 0;
        for (int k = 0; k < values.Length; k++)
        {
            if (objective.IsInteraction(values[k]))
            {
                kept[next++] = k;
            }
        }

        return store.Subset(kept);
    }
}
