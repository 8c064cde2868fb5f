using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// Solves a new or changed user of an <see cref="ImplicitAlsModel"/> exactly against its fixed item
/// factors, with the equations training used (the implicit library's <c>recalculate_user</c>):
/// x_u = (YᵀY + Yᵀ(C_u − I)Y + λI)⁻¹ Yᵀ C_u p(u), where C_u holds the confidences of the user's
/// interactions under the model's <see cref="ImplicitAlsModel.Objective"/> and p(u) is 1 on them.
/// </summary>
/// <remarks>
/// <para>The result is a <see cref="FoldedInUser"/>: recommend with
/// <see cref="Recommender.Recommend(FoldedInUser, int, bool, Predicate{int})"/>, and explain a score
/// with <see cref="FoldedInUser.ExplainByIndex"/>, which splits it into Hu, Koren and Volinsky's
/// per-interaction terms c_uj · y_iᵀ W_u y_j (2008, §5) that add up to the score. Each
/// <see cref="ItemContribution.Rating"/> is then the stored value of the interaction; negative
/// feedback (a negative value, preference 0) shapes W_u but contributes no term.</para>
/// <para>Values below the model's interaction threshold are not interactions and are left out, as
/// in training; items the model does not know are ignored and counted. A user left with no
/// interaction is the cold-start user. The constructor computes YᵀY once (O(items·k²)); each
/// fold-in then costs O(n·k² + k³). Safe for concurrent use.</para>
/// <para>For a user of the training data, folding in their training interactions gives the vector a
/// fully converged exact-solver training would give them against the model's item factors.</para>
/// </remarks>
public sealed class ImplicitFoldIn
{
    private readonly double[] _gram;

    /// <summary>Prepares fold-ins for a model: computes YᵀY over its known items.</summary>
    /// <param name="model">The trained model.</param>
    public ImplicitFoldIn(ImplicitAlsModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _gram = ImplicitLeastSquares.Gram(model.ItemFactors, model.IsKnownItem);
    }

    /// <summary>The model users are folded into.</summary>
    public ImplicitAlsModel Model { get; }

    /// <summary>Folds in a user from interactions with items given by raw id; a repeated item keeps its last value.</summary>
    /// <param name="interactions">The user's interactions, each with its stored value (a rating, a count).</param>
    /// <returns>The folded-in user.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite (the message names its item and value).</exception>
    public FoldedInUser FoldInUser(IEnumerable<ItemRating> interactions)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        (int[] items, float[] values, int ignored) = FoldInInput.FromIds(Model, interactions, nameof(interactions));
        return Solve(items, values, ignored);
    }

    /// <summary>
    /// Recomputes a user from their interactions in a store (matched by raw id) plus new ones, which
    /// replace any earlier value for the same item; a user absent from the store is a new user.
    /// </summary>
    /// <param name="store">Interactions that include the user's earlier ones, usually the training set.</param>
    /// <param name="userId">The raw user id.</param>
    /// <param name="added">The new interactions.</param>
    /// <returns>The recomputed user.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A new value is NaN or infinite (the message names its item and value).</exception>
    public FoldedInUser FoldInUser(RatingStore store, string userId, IEnumerable<ItemRating> added)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(added);
        return FoldInUser(FoldInInput.WithStored(store, userId, added));
    }

    /// <summary>Folds in a user from interactions by dense item index, without id lookups.</summary>
    /// <param name="itemIndices">Dense indices of items the model knows, distinct.</param>
    /// <param name="values">The stored values, parallel to <paramref name="itemIndices"/>.</param>
    /// <returns>The folded-in user.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or an item is unknown or repeated.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite (the message names its item and value).</exception>
    public FoldedInUser FoldInUserByIndex(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> values)
    {
        (int[] items, float[] sorted) = FoldInInput.FromIndices(Model, itemIndices, values, nameof(values));
        return Solve(items, sorted, 0);
    }

    private FoldedInUser Solve(int[] items, float[] values, int ignored)
    {
        ImplicitObjective objective = Model.Objective;
        var keptItems = new List<int>(items.Length);
        var keptValues = new List<float>(items.Length);
        var confidences = new List<double>(items.Length);
        var targets = new List<double>(items.Length);
        for (int j = 0; j < items.Length; j++)
        {
            FiniteRatings.Check(values[j], "item", Model.Items.GetId(items[j]), nameof(values));

            if (objective.IsInteraction(values[j]))
            {
                keptItems.Add(items[j]);
                keptValues.Add(values[j]);
                float confidence = objective.Confidence(values[j]);
                confidences.Add(confidence);

                // An explanation's term is p_j c_j · y_iᵀ W y_j: negative feedback (p = 0) adds none.
                targets.Add(Math.Max(confidence, 0));
            }
        }

        if (keptItems.Count == 0)
        {
            return new FoldedInUser(Model, null, [], [], [], ignored);
        }

        ImplicitLeastSquares solution = ImplicitLeastSquares.Solve(Model.ItemFactors, _gram, objective.Regularization, [.. keptItems], [.. confidences]);
        return new FoldedInUser(Model, solution, [.. keptItems], [.. keptValues], [.. targets], ignored);
    }
}
