namespace MatrixFactorization.Data;

/// <summary>
/// The items each user has already seen (rated or interacted with), in the dense indices of a
/// pair of id maps — usually a model's. Rows are sorted and hold no repeats. A model file can
/// carry them, so a recommender can leave out what a user already knows without the ratings file.
/// </summary>
/// <remarks>Stored in compressed-sparse-row form: one offset per user and one index per seen item.</remarks>
public sealed class SeenItems
{
    private readonly int[] _offsets;
    private readonly int[] _items;

    /// <summary>Wraps rows already checked: offsets non-decreasing from 0, each row sorted without repeats, every index below <paramref name="itemCount"/>.</summary>
    internal SeenItems(int itemCount, int[] offsets, int[] items)
    {
        ItemCount = itemCount;
        _offsets = offsets;
        _items = items;
    }

    /// <summary>The number of users; rows are numbered 0 to <c>UserCount - 1</c>.</summary>
    public int UserCount => _offsets.Length - 1;

    /// <summary>The number of items the indices refer to; every index is below it.</summary>
    public int ItemCount { get; }

    /// <summary>The number of (user, item) pairs.</summary>
    public int Count => _items.Length;

    /// <summary>
    /// The items every user of <paramref name="users"/> rated in <paramref name="ratings"/>, in the
    /// indices of <paramref name="users"/> and <paramref name="items"/>, matched by raw id when the
    /// store has maps of its own. Ratings of users or items the maps do not hold are left out.
    /// </summary>
    /// <param name="ratings">The ratings, usually the training set.</param>
    /// <param name="users">The user ids rows are numbered by (a model's <c>Users</c>).</param>
    /// <param name="items">The item ids indices refer to (a model's <c>Items</c>).</param>
    /// <returns>The seen items.</returns>
    public static SeenItems FromRatings(RatingStore ratings, IdMap users, IdMap items)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        int[] toStoreUser = IdTranslation.Map(users, ratings.Users);
        int[] toItem = ReferenceEquals(ratings.Items, items) ? [] : IdTranslation.Map(ratings.Items, items);
        var offsets = new int[users.Count + 1];
        var rows = new List<int>(ratings.Count);
        for (int user = 0; user < users.Count; user++)
        {
            int storeUser = toStoreUser[user];
            if ((uint)storeUser < (uint)ratings.UserCount)
            {
                int start = rows.Count;
                foreach (int storeItem in ratings.GetUserRatings(storeUser).Items)
                {
                    int item = toItem.Length == 0 ? storeItem : toItem[storeItem];
                    if (item >= 0)
                    {
                        rows.Add(item);
                    }
                }

                rows.Sort(start, rows.Count - start, null);
            }

            offsets[user + 1] = rows.Count;
        }

        return new SeenItems(items.Count, offsets, [.. rows]);
    }

    /// <summary>The items a user has seen, ascending; empty for a user outside the rows.</summary>
    /// <param name="userIndex">A dense user index.</param>
    /// <returns>The item indices.</returns>
    public ReadOnlySpan<int> GetItems(int userIndex) =>
        (uint)userIndex < (uint)UserCount ? _items.AsSpan(_offsets[userIndex], _offsets[userIndex + 1] - _offsets[userIndex]) : [];

    /// <summary>How many users saw each item.</summary>
    /// <returns>One count per item.</returns>
    public int[] CountUsersPerItem()
    {
        var counts = new int[ItemCount];
        foreach (int item in _items)
        {
            counts[item]++;
        }

        return counts;
    }
}
