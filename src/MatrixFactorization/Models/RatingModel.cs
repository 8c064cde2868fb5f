using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// A base for rating models that supplies what <see cref="IRatingModel"/> asks beyond the score of
/// a known pair: id mapping, the fallbacks for unknown users and items, clipping, batch prediction
/// and item scoring. A derived model supplies <see cref="Score"/> and, when it has something
/// better than the global mean, the fallbacks.
/// </summary>
public abstract class RatingModel : IRatingModel
{
    /// <summary>Creates the shared part of a model.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="clipPredictions">Whether predictions are clipped to the domain's scale.</param>
    protected RatingModel(TrainingDomain domain, bool clipPredictions)
    {
        ArgumentNullException.ThrowIfNull(domain);
        Domain = domain;
        ClipsPredictions = clipPredictions;
    }

    /// <inheritdoc/>
    public IdMap Users => Domain.Users;

    /// <inheritdoc/>
    public IdMap Items => Domain.Items;

    /// <inheritdoc/>
    public RatingScale Scale => Domain.Scale;

    /// <inheritdoc/>
    public bool ClipsPredictions { get; private set; }

    /// <inheritdoc/>
    public float GlobalMean => Domain.GlobalMean;

    /// <summary>What the model knows about its training data: maps, known users and items, scale and mean.</summary>
    public TrainingDomain Domain { get; }

    /// <inheritdoc/>
    public bool IsKnownUser(int userIndex) => Domain.IsKnownUser(userIndex);

    /// <inheritdoc/>
    public bool IsKnownItem(int itemIndex) => Domain.IsKnownItem(itemIndex);

    /// <inheritdoc/>
    public Prediction PredictByIndex(int userIndex, int itemIndex)
    {
        (float value, PredictionSource source) = Unclipped(userIndex, itemIndex);
        return new Prediction(ClipsPredictions ? Scale.Clip(value) : value, source);
    }

    /// <inheritdoc/>
    public Prediction Predict(long userId, long itemId) =>
        PredictByIndex(Users.TryGetIndex(userId, out int u) ? u : -1, Items.TryGetIndex(itemId, out int i) ? i : -1);

    /// <inheritdoc/>
    public Prediction Predict(string userId, string itemId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(itemId);
        return PredictByIndex(Users.TryGetIndex(userId, out int u) ? u : -1, Items.TryGetIndex(itemId, out int i) ? i : -1);
    }

    /// <inheritdoc/>
    public void PredictByIndex(ReadOnlySpan<int> userIndices, ReadOnlySpan<int> itemIndices, Span<float> destination)
    {
        if (itemIndices.Length != userIndices.Length || destination.Length != userIndices.Length)
        {
            throw new ArgumentException(
                $"users ({userIndices.Length}), items ({itemIndices.Length}) and destination ({destination.Length}) must have one length.");
        }

        for (int k = 0; k < userIndices.Length; k++)
        {
            destination[k] = PredictByIndex(userIndices[k], itemIndices[k]).Value;
        }
    }

    /// <summary>
    /// Scores every item by its unclipped prediction (for an unknown user, the unknown-user
    /// fallback of each item). Override it when a model can rank its cold-start users better or
    /// score all items faster.
    /// </summary>
    /// <param name="userIndex">A dense user index; an unknown one gets the fallbacks.</param>
    /// <param name="scores">At least <c>Items.Count</c> floats.</param>
    public virtual void ScoreItems(int userIndex, Span<float> scores)
    {
        int count = Items.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(scores.Length, count, nameof(scores));
        for (int i = 0; i < count; i++)
        {
            scores[i] = Unclipped(userIndex, i).Value;
        }
    }

    /// <inheritdoc/>
    public virtual void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores)
    {
        if (scores.Length != itemIndices.Length)
        {
            throw new ArgumentException($"items ({itemIndices.Length}) and scores ({scores.Length}) must have one length.", nameof(scores));
        }

        for (int k = 0; k < itemIndices.Length; k++)
        {
            scores[k] = Unclipped(userIndex, itemIndices[k]).Value;
        }
    }

    /// <inheritdoc/>
    public IRatingModel WithClipping(bool clip)
    {
        // The parameters are read-only through every public member, so the copy may share them.
        var copy = (RatingModel)MemberwiseClone();
        copy.ClipsPredictions = clip;
        return copy;
    }

    /// <summary>The unclipped score of a pair whose user and item are both known.</summary>
    /// <param name="userIndex">A known dense user index.</param>
    /// <param name="itemIndex">A known dense item index.</param>
    /// <returns>The score.</returns>
    protected abstract float Score(int userIndex, int itemIndex);

    /// <summary>The fallback for an unknown user and a known item; the global mean unless overridden.</summary>
    /// <param name="itemIndex">A known dense item index.</param>
    /// <returns>The fallback score.</returns>
    protected virtual float ScoreUnknownUser(int itemIndex) => GlobalMean;

    /// <summary>The fallback for a known user and an unknown item; the global mean unless overridden.</summary>
    /// <param name="userIndex">A known dense user index.</param>
    /// <returns>The fallback score.</returns>
    protected virtual float ScoreUnknownItem(int userIndex) => GlobalMean;

    private (float Value, PredictionSource Source) Unclipped(int user, int item) =>
        (Domain.IsKnownUser(user), Domain.IsKnownItem(item)) switch
        {
            (true, true) => (Score(user, item), PredictionSource.Model),
            (false, true) => (ScoreUnknownUser(item), PredictionSource.UnknownUser),
            (true, false) => (ScoreUnknownItem(user), PredictionSource.UnknownItem),
            _ => (GlobalMean, PredictionSource.UnknownUserAndItem),
        };
}
