using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// The checks and lookups every fold-in of a user shares, whatever solves it: raw ids to the
/// model's items (unknown ones counted), a store's row plus new values, and dense input sorted
/// and checked for unknown or repeated items.
/// </summary>
internal static class FoldInInput
{
    /// <summary>The known items by index, sorted, each with its last value; the rest are counted.</summary>
    public static (int[] Items, float[] Values, int Ignored) FromIds(IScoringModel model, IEnumerable<ItemRating> values, string parameterName)
    {
        var byItem = new SortedDictionary<int, float>();
        int ignored = 0;
        foreach (ItemRating value in values)
        {
            FiniteRatings.Check(value.Rating, "item", value.ItemId, parameterName);
            if (model.Items.TryGetIndex(value.ItemId, out int item) && model.IsKnownItem(item))
            {
                byItem[item] = value.Rating;
            }
            else
            {
                ignored++;
            }
        }

        return ([.. byItem.Keys], [.. byItem.Values], ignored);
    }

    /// <summary>The user's values in <paramref name="store"/> (none for a user it lacks), then <paramref name="added"/>.</summary>
    public static List<ItemRating> WithStored(RatingStore store, string userId, IEnumerable<ItemRating> added)
    {
        var all = new List<ItemRating>();
        if (store.Users.TryGetIndex(userId, out int user))
        {
            RatingRow row = store.GetUserRatings(user);
            for (int k = 0; k < row.Length; k++)
            {
                all.Add(new ItemRating(store.Items.GetId(row.Items[k]), row.Values[k]));
            }
        }

        all.AddRange(added);
        return all;
    }

    /// <summary>Copies of dense input sorted by item, refused when lengths differ, an item is unknown or repeated, or a value is not finite.</summary>
    public static (int[] Items, float[] Values) FromIndices(
        IScoringModel model, ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> values, string valuesName)
    {
        if (itemIndices.Length != values.Length)
        {
            throw new ArgumentException($"items ({itemIndices.Length}) and {valuesName} ({values.Length}) must have one length.");
        }

        int[] items = itemIndices.ToArray();
        float[] sorted = values.ToArray();
        Array.Sort(items, sorted);
        for (int k = 0; k < items.Length; k++)
        {
            if (!model.IsKnownItem(items[k]) || (k > 0 && items[k] == items[k - 1]))
            {
                throw new ArgumentException($"Item {items[k]} is unknown to the model or repeated.", nameof(itemIndices));
            }

            FiniteRatings.Check(sorted[k], "item", model.Items.GetId(items[k]), valuesName);
        }

        return (items, sorted);
    }
}
