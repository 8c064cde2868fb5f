using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// What a model knows about its training data besides its parameters: the id maps, which users and
/// items had ratings, the scale and the global mean. Shared, read-only.
/// </summary>
internal sealed class TrainingDomain
{
    private readonly bool[] _knownUsers;
    private readonly bool[] _knownItems;

    public TrainingDomain(IdMap users, IdMap items, RatingScale scale, float globalMean, bool[] knownUsers, bool[] knownItems)
    {
        Users = users;
        Items = items;
        Scale = scale;
        GlobalMean = globalMean;
        _knownUsers = knownUsers;
        _knownItems = knownItems;
    }

    public IdMap Users { get; }

    public IdMap Items { get; }

    public RatingScale Scale { get; }

    public float GlobalMean { get; }

    public ReadOnlySpan<bool> KnownUsers => _knownUsers;

    public ReadOnlySpan<bool> KnownItems => _knownItems;

    public static TrainingDomain From(RatingStore store)
    {
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

    public bool IsKnownUser(int user) => (uint)user < (uint)_knownUsers.Length && _knownUsers[user];

    public bool IsKnownItem(int item) => (uint)item < (uint)_knownItems.Length && _knownItems[item];
}
