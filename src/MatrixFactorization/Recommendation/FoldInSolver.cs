using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Fits a new user (or item) against a trained model's fixed factors without retraining: ridge
/// regression of the ratings on the other side's factor vectors, solved exactly with a Cholesky
/// factorization of the k×k (k+1 with a bias) normal equations.
/// </summary>
/// <remarks>
/// The targets are the ratings less the parts of the score that are fixed: r − μ − b_j for the
/// biased model, r − b_j for a model with item biases only (as BPR's), r for the plain model
/// (whose offset is 0). A
/// model with user biases gets the user's bias fitted jointly with the factors; one without gets
/// none, since its scores have no place for it. Folding in an item likewise fits an item bias only
/// for a model with item biases. For SVD++ the implicit part |N|^−½ Σ y_j of the rated items is
/// added to the user's vector and held while p_u and b_u are fitted to the rest. This is the closed-form step alternating least squares takes for one user, so it is
/// what a retrained model would give that user up to how far SGD is from its optimum and how much
/// the user's ratings would have moved the item factors. Safe for concurrent use.
/// </remarks>
public sealed class FoldInSolver
{
    private readonly IFactorModel _model;
    private readonly FoldInOptions _options;

    /// <summary>Creates a solver for a model.</summary>
    /// <param name="model">A factor model: the library's plain or biased matrix factorization, or your own.</param>
    /// <param name="options">The regularization; use the trainer options' <c>ToFoldInOptions()</c>, so the user is regularized as training was.</param>
    public FoldInSolver(IFactorModel model, FoldInOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _options = options ?? new FoldInOptions();
    }

    /// <summary>Folds in a user from ratings of items given by raw id; unknown items are ignored and counted.</summary>
    /// <param name="ratings">The user's ratings; a repeated item keeps its last rating.</param>
    /// <returns>The folded-in user.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rating is NaN or infinite (the message names its item and value).</exception>
    public FoldedInUser FoldInUser(IEnumerable<ItemRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        (int[] items, float[] values, int ignored) = FoldInInput.FromIds(_model, ratings, nameof(ratings));
        return Solve(items, values, ignored);
    }

    /// <summary>
    /// Refits a user from their ratings in a store (matched by raw id) plus new ones, which replace
    /// any earlier rating of the same item. A user absent from the store is a new user.
    /// </summary>
    /// <param name="store">Ratings that include the user's earlier ones, usually the training set.</param>
    /// <param name="userId">The raw user id.</param>
    /// <param name="added">The new ratings.</param>
    /// <returns>The refitted user.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A new rating is NaN or infinite (the message names its item and value).</exception>
    public FoldedInUser FoldInUser(RatingStore store, string userId, IEnumerable<ItemRating> added)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(added);
        return FoldInUser(FoldInInput.WithStored(store, userId, added));
    }

    /// <summary>Folds in a user from ratings by dense item index, without id lookups (the fast path).</summary>
    /// <param name="itemIndices">Dense item indices, distinct, of items the model knows.</param>
    /// <param name="ratings">The ratings, parallel to <paramref name="itemIndices"/>.</param>
    /// <returns>The folded-in user.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or an item is unknown or repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A rating is NaN or infinite (the message names its item and value).</exception>
    public FoldedInUser FoldInUserByIndex(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings)
    {
        (int[] sortedItems, float[] sortedRatings) = FoldInInput.FromIndices(_model, itemIndices, ratings, nameof(ratings));
        return Solve(sortedItems, sortedRatings, 0);
    }

    /// <summary>Folds in a new item from the ratings users (by raw id) gave it; unknown users are ignored and counted.</summary>
    /// <param name="ratings">The item's ratings; a repeated user keeps their last rating.</param>
    /// <returns>The folded-in item; with no usable rating, zero factors and bias.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A rating is NaN or infinite (the message names its user and value).</exception>
    public FoldedInItem FoldInItem(IEnumerable<UserRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var byUser = new SortedDictionary<int, float>();
        int ignored = 0;
        foreach (UserRating rating in ratings)
        {
            FiniteRatings.Check(rating.Rating, "user", rating.UserId, nameof(ratings));
            if (_model.Users.TryGetIndex(rating.UserId, out int user) && _model.IsKnownUser(user))
            {
                byUser[user] = rating.Rating;
            }
            else
            {
                ignored++;
            }
        }

        int k = _model.FactorCount;
        if (byUser.Count == 0)
        {
            return new FoldedInItem(_model, new float[k], 0, 0, ignored);
        }

        int[] users = [.. byUser.Keys];
        var targets = new double[users.Length];
        bool biased = HasItemBiases;
        ReadOnlySpan<float> userBiases = _model.UserBiases;
        int n = 0;
        foreach (float rating in byUser.Values)
        {
            int u = users[n];
            targets[n++] = rating - _model.ScoreOffset - (HasUserBiases ? userBiases[u] : 0f);
        }

        RegularizedLeastSquares fit = RegularizedLeastSquares.Solve(
            _model.UserFactors, users, targets, biased, FactorPenalty(users.Length), BiasPenalty(users.Length));
        float[] vector = fit.Solution.Take(k).Select(v => (float)v).ToArray();
        return new FoldedInItem(_model, vector, biased ? (float)fit.Solution[k] : 0, users.Length, ignored);
    }

    private FoldedInUser Solve(int[] items, float[] ratings, int ignored)
    {
        if (items.Length == 0)
        {
            return new FoldedInUser(_model, null, items, ratings, [], ignored);
        }

        // SVD++'s user vector has a part the rated items fix, whatever the ratings: it is held, and
        // the ridge fits p_u (and b_u) to what it leaves of each rating.
        float[]? implicitPart = null;
        if (_model is IImplicitUserPart withImplicitPart)
        {
            implicitPart = new float[_model.FactorCount];
            withImplicitPart.ImplicitPart(items, implicitPart);
        }

        var targets = new double[items.Length];
        ReadOnlySpan<float> itemBiases = _model.ItemBiases;
        for (int j = 0; j < items.Length; j++)
        {
            targets[j] = ratings[j] - _model.ScoreOffset - (HasItemBiases ? itemBiases[items[j]] : 0f)
                - (implicitPart is null ? 0f : FactorKernels.Dot(implicitPart, _model.ItemFactors.GetRow(items[j])));
        }

        RegularizedLeastSquares fit = RegularizedLeastSquares.Solve(
            _model.ItemFactors, items, targets, HasUserBiases, FactorPenalty(items.Length), BiasPenalty(items.Length));
        return new FoldedInUser(_model, fit, items, ratings, targets, ignored, implicitPart);
    }

    /// <summary>Whether scores have a user bias b_u, which a user fold-in then fits.</summary>
    private bool HasUserBiases => !_model.UserBiases.IsEmpty;

    /// <summary>Whether scores have an item bias b_i, which an item fold-in then fits.</summary>
    private bool HasItemBiases => !_model.ItemBiases.IsEmpty;

    private double FactorPenalty(int count) => _options.FactorRegularization * (_options.ScaleByRatingCount ? count : 1);

    private double BiasPenalty(int count) => _options.BiasRegularization * (_options.ScaleByRatingCount ? count : 1);
}
