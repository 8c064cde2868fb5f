using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Fits a new user (or item) against a trained model's fixed factors without retraining: ridge
/// regression of the ratings on the other side's factor vectors, solved exactly with a Cholesky
/// factorization of the k×k (k+1 with a bias) normal equations.
/// </summary>
/// <remarks>
/// For the biased model the targets are r − μ − b_j and the user's bias is fitted jointly with its
/// factors. This is the closed-form step alternating least squares takes for one user, so it is
/// what a retrained model would give that user up to how far SGD is from its optimum and how much
/// the user's ratings would have moved the item factors. Safe for concurrent use.
/// </remarks>
public sealed class FoldInSolver
{
    private readonly ModelParameters _parameters;
    private readonly FoldInOptions _options;

    /// <summary>Creates a solver for a model.</summary>
    /// <param name="model">A matrix factorization model, plain or biased.</param>
    /// <param name="options">The regularization; use <see cref="FoldInOptions.From"/> with the training options.</param>
    /// <exception cref="NotSupportedException">The model has no item factors (the baseline and the neural model) or is not one of the library's.</exception>
    public FoldInSolver(IRatingModel model, FoldInOptions? options = null)
    {
        _parameters = ModelParameters.From(model);
        if (_parameters.ItemFactors is null)
        {
            throw new NotSupportedException(
                $"Fold-in solves against item factors, which a {model.GetType().Name} does not have; use a plain or biased matrix factorization model.");
        }

        _options = options ?? new FoldInOptions();
        _options.Validate();
    }

    /// <summary>Folds in a user from ratings of items given by raw id; unknown items are ignored and counted.</summary>
    /// <param name="ratings">The user's ratings; a repeated item keeps its last rating.</param>
    /// <returns>The folded-in user.</returns>
    public FoldedInUser FoldInUser(IEnumerable<ItemRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var byItem = new SortedDictionary<int, float>();
        int ignored = 0;
        foreach (ItemRating rating in ratings)
        {
            if (_parameters.Model.Items.TryGetIndex(rating.ItemId, out int item) && _parameters.IsKnownItem(item))
            {
                byItem[item] = rating.Rating;
            }
            else
            {
                ignored++;
            }
        }

        return Solve([.. byItem.Keys], [.. byItem.Values], ignored);
    }

    /// <summary>
    /// Refits a user from their ratings in a store (matched by raw id) plus new ones, which replace
    /// any earlier rating of the same item. A user absent from the store is a new user.
    /// </summary>
    /// <param name="store">Ratings that include the user's earlier ones, usually the training set.</param>
    /// <param name="userId">The raw user id.</param>
    /// <param name="added">The new ratings.</param>
    /// <returns>The refitted user.</returns>
    public FoldedInUser FoldInUser(RatingStore store, string userId, IEnumerable<ItemRating> added)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(added);
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
        return FoldInUser(all);
    }

    /// <summary>Folds in a user from ratings by dense item index, without id lookups (the fast path).</summary>
    /// <param name="items">Dense item indices, distinct, of items the model knows.</param>
    /// <param name="ratings">The ratings, parallel to <paramref name="items"/>.</param>
    /// <returns>The folded-in user.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or an item is unknown or repeated.</exception>
    public FoldedInUser FoldInUser(ReadOnlySpan<int> items, ReadOnlySpan<float> ratings)
    {
        if (items.Length != ratings.Length)
        {
            throw new ArgumentException($"items ({items.Length}) and ratings ({ratings.Length}) must have one length.");
        }

        int[] sortedItems = items.ToArray();
        float[] sortedRatings = ratings.ToArray();
        Array.Sort(sortedItems, sortedRatings);
        for (int k = 0; k < sortedItems.Length; k++)
        {
            if (!_parameters.IsKnownItem(sortedItems[k]) || (k > 0 && sortedItems[k] == sortedItems[k - 1]))
            {
                throw new ArgumentException($"Item {sortedItems[k]} is unknown to the model or repeated.", nameof(items));
            }
        }

        return Solve(sortedItems, sortedRatings, 0);
    }

    /// <summary>Folds in a new item from the ratings users (by raw id) gave it; unknown users are ignored and counted.</summary>
    /// <param name="ratings">The item's ratings; a repeated user keeps their last rating.</param>
    /// <returns>The folded-in item; with no usable rating, zero factors and bias.</returns>
    public FoldedInItem FoldInItem(IEnumerable<UserRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var byUser = new SortedDictionary<int, float>();
        int ignored = 0;
        foreach (UserRating rating in ratings)
        {
            if (_parameters.Model.Users.TryGetIndex(rating.UserId, out int user) && _parameters.IsKnownUser(user))
            {
                byUser[user] = rating.Rating;
            }
            else
            {
                ignored++;
            }
        }

        int k = _parameters.Factors;
        if (byUser.Count == 0)
        {
            return new FoldedInItem(_parameters, new float[k], 0, 0, ignored);
        }

        int[] users = [.. byUser.Keys];
        var targets = new double[users.Length];
        int n = 0;
        foreach (float rating in byUser.Values)
        {
            int u = users[n];
            targets[n++] = _parameters.HasBiases ? rating - _parameters.GlobalMean - _parameters.UserBiases![u] : rating;
        }

        RegularizedLeastSquares fit = RegularizedLeastSquares.Solve(
            _parameters.UserFactors!, users, targets, _parameters.HasBiases, FactorPenalty(users.Length), BiasPenalty(users.Length));
        float[] factors = fit.Solution.Take(k).Select(v => (float)v).ToArray();
        return new FoldedInItem(_parameters, factors, _parameters.HasBiases ? (float)fit.Solution[k] : 0, users.Length, ignored);
    }

    private FoldedInUser Solve(int[] items, float[] ratings, int ignored)
    {
        if (items.Length == 0)
        {
            return new FoldedInUser(_parameters, null, items, ratings, [], ignored);
        }

        var targets = new double[items.Length];
        for (int j = 0; j < items.Length; j++)
        {
            targets[j] = _parameters.HasBiases ? ratings[j] - _parameters.GlobalMean - _parameters.ItemBiases![items[j]] : ratings[j];
        }

        RegularizedLeastSquares fit = RegularizedLeastSquares.Solve(
            _parameters.ItemFactors!, items, targets, _parameters.HasBiases, FactorPenalty(items.Length), BiasPenalty(items.Length));
        return new FoldedInUser(_parameters, fit, items, ratings, targets, ignored);
    }

    private double FactorPenalty(int count) => _options.FactorRegularization * (_options.ScaleByRatingCount ? count : 1);

    private double BiasPenalty(int count) => _options.BiasRegularization * (_options.ScaleByRatingCount ? count : 1);
}
