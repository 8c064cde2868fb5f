using MatrixFactorization.Data;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Which items each user has already rated, in the model's dense indices. A model keeps only its
/// parameters, not its training ratings, so these come from a store; when the store does not
/// share the model's id maps (it was loaded separately) users and items are matched by raw id —
/// or from seen items stored with the model, already in its indices.
/// </summary>
internal sealed class RatedItems
{
    private readonly RatingStore? _store;
    private readonly SeenItems? _seen;
    private readonly int[]? _modelUserToStore;
    private readonly int[]? _storeItemToModel;

    public RatedItems(RatingStore store, IdMap modelUsers, IdMap modelItems)
    {
        _store = store;
        if (!ReferenceEquals(store.Users, modelUsers))
        {
            _modelUserToStore = IdTranslation.Map(modelUsers, store.Users);
        }

        if (!ReferenceEquals(store.Items, modelItems))
        {
            _storeItemToModel = IdTranslation.Map(store.Items, modelItems);
        }
    }

    public RatedItems(SeenItems seen) => _seen = seen;

    /// <summary>Sets the score of every item the user rated to negative infinity.</summary>
    public void Exclude(int modelUser, Span<float> scores)
    {
        if (_seen is not null)
        {
            foreach (int item in _seen.GetItems(modelUser))
            {
                scores[item] = float.NegativeInfinity;
            }

            return;
        }

        RatingStore store = _store!;
        int storeUser = _modelUserToStore is null ? modelUser
            : (uint)modelUser < (uint)_modelUserToStore.Length ? _modelUserToStore[modelUser] : -1;
        if ((uint)storeUser >= (uint)store.UserCount)
        {
            return;
        }

        ReadOnlySpan<int> items = store.GetUserRatings(storeUser).Items;
        foreach (int storeItem in items)
        {
            int item = _storeItemToModel is null ? storeItem : _storeItemToModel[storeItem];
            if ((uint)item < (uint)scores.Length)
            {
                scores[item] = float.NegativeInfinity;
            }
        }
    }
}
