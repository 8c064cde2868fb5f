using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// What a model knows about its training data besides its parameters: the id maps, which users and
/// items had ratings, the rating scale and the global mean. Immutable and shared by the models
/// trained on the same data.
/// </summary>
public sealed class TrainingDomain
{
    private readonly bool[] _knownUsers;
    private readonly bool[] _knownItems;

    /// <summary>Creates a domain from its parts; the known flags are copied.</summary>
    /// <param name="users">The user id map.</param>
    /// <param name="items">The item id map.</param>
    /// <param name="scale">The rating scale observed in training.</param>
    /// <param name="globalMean">The mean training rating; finite.</param>
    /// <param name="knownUsers">One flag per user of <paramref name="users"/>: whether it had training data.</param>
    /// <param name="knownItems">One flag per item of <paramref name="items"/>: whether it had training data.</param>
    /// <exception cref="ArgumentException">A flag array does not match its map, or the mean is not finite.</exception>
    public TrainingDomain(IdMap users, IdMap items, RatingScale scale, float globalMean, ReadOnlySpan<bool> knownUsers, ReadOnlySpan<bool> knownItems)
        : this(users, items, scale, globalMean, knownUsers.ToArray(), knownItems.ToArray())
    {
    }

    internal TrainingDomain(IdMap users, IdMap items, RatingScale scale, float globalMean, bool[] knownUsers, bool[] knownItems)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(items);
        if (knownUsers.Length != users.Count || knownItems.Length != items.Count)
        {
            throw new ArgumentException(
                $"There must be one known flag per id: {users.Count} users and {items.Count} items, but {knownUsers.Length} and {knownItems.Length} flags.");
        }

        if (!float.IsFinite(globalMean))
        {
            throw new ArgumentException($"The global mean must be finite, not {globalMean}.", nameof(globalMean));
        }

        Users = users;
        Items = items;
        Scale = scale;
        GlobalMean = globalMean;
        _knownUsers = knownUsers;
        _knownItems = knownItems;
    }

    /// <summary>The raw ↔ dense user map.</summary>
    public IdMap Users { get; }

    /// <summary>The raw ↔ dense item map.</summary>
    public IdMap Items { get; }

    /// <summary>The rating scale observed in training.</summary>
    public RatingScale Scale { get; }

    /// <summary>The mean training rating.</summary>
    public float GlobalMean { get; }

    /// <summary>Whether each user (by dense index) had training data.</summary>
    public ReadOnlySpan<bool> KnownUsers => _knownUsers;

    /// <summary>Whether each item (by dense index) had training data.</summary>
    public ReadOnlySpan<bool> KnownItems => _knownItems;

    /// <summary>The domain of a training store: its maps, scale and mean, and the users and items with ratings.</summary>
    /// <param name="store">The training ratings.</param>
    /// <returns>The domain.</returns>
    public static TrainingDomain From(RatingStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        RatingStatistics stats = store.Statistics;
        var knownUsers = new bool[store.UserCount];
        var knownItems = new bool[store.ItemCount];
        for (int u = 0; u < knownUsers.Length; u++)
        {
            knownUsers[u] = stats.UserCounts[u] > 0;
        }

        for (int i = 0; i < knownItems.Length; i++)
        {
            knownItems[i] = stats.ItemCounts[i] > 0;
        }

        return new TrainingDomain(store.Users, store.Items, stats.Scale, (float)stats.GlobalMean, knownUsers, knownItems);
    }

    /// <summary>Whether a dense user index is in range and had training data.</summary>
    /// <param name="userIndex">Any dense user index.</param>
    /// <returns><see langword="true"/> for a known user.</returns>
    public bool IsKnownUser(int userIndex) => (uint)userIndex < (uint)_knownUsers.Length && _knownUsers[userIndex];

    /// <summary>Whether a dense item index is in range and had training data.</summary>
    /// <param name="itemIndex">Any dense item index.</param>
    /// <returns><see langword="true"/> for a known item.</returns>
    public bool IsKnownItem(int itemIndex) => (uint)itemIndex < (uint)_knownItems.Length && _knownItems[itemIndex];
}
