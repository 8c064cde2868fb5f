using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// The shared behaviour of every <see cref="IRatingModel"/>: id mapping, the fallback for unknown
/// users and items, clipping and batch prediction. A model supplies only its score for known pairs
/// and, when it has biases, its fallbacks.
/// </summary>
public abstract class RatingModel : IRatingModel
{
    private protected RatingModel(TrainingDomain domain, bool clipPredictions)
    {
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

    private protected TrainingDomain Domain { get; }

    /// <summary>Whether a dense user index had ratings in training.</summary>
    /// <param name="user">A dense user index.</param>
    /// <returns><see langword="true"/> when the model learned this user.</returns>
    public bool IsKnownUser(int user) => Domain.IsKnownUser(user);

    /// <summary>Whether a dense item index had ratings in training.</summary>
    /// <param name="item">A dense item index.</param>
    /// <returns><see langword="true"/> when the model learned this item.</returns>
    public bool IsKnownItem(int item) => Domain.IsKnownItem(item);

    /// <inheritdoc/>
    public Prediction Predict(int user, int item)
    {
        bool knownUser = Domain.IsKnownUser(user);
        bool knownItem = Domain.IsKnownItem(item);
        (float value, PredictionSource source) = (knownUser, knownItem) switch
        {
            (true, true) => (Score(user, item), PredictionSource.Model),
            (false, true) => (ScoreUnknownUser(item), PredictionSource.UnknownUser),
            (true, false) => (ScoreUnknownItem(user), PredictionSource.UnknownItem),
            _ => (GlobalMean, PredictionSource.UnknownUserAndItem),
        };
        return new Prediction(ClipsPredictions ? Scale.Clip(value) : value, source);
    }

    /// <inheritdoc/>
    public Prediction PredictRaw(long user, long item) =>
        Predict(Users.TryGetIndex(user, out int u) ? u : -1, Items.TryGetIndex(item, out int i) ? i : -1);

    /// <inheritdoc/>
    public Prediction PredictRaw(string user, string item)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        return Predict(Users.TryGetIndex(user, out int u) ? u : -1, Items.TryGetIndex(item, out int i) ? i : -1);
    }

    /// <inheritdoc/>
    public void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> destination)
    {
        if (items.Length != users.Length || destination.Length != users.Length)
        {
            throw new ArgumentException($"users ({users.Length}), items ({items.Length}) and destination ({destination.Length}) must have one length.");
        }

        for (int k = 0; k < users.Length; k++)
        {
            destination[k] = Predict(users[k], items[k]).Value;
        }
    }

    /// <inheritdoc/>
    public IRatingModel WithClipping(bool clip)
    {
        var copy = (RatingModel)MemberwiseClone();
        copy.ClipsPredictions = clip;
        return copy;
    }

    /// <summary>The unclipped score of a pair whose user and item are both known.</summary>
    /// <param name="user">A known dense user index.</param>
    /// <param name="item">A known dense item index.</param>
    /// <returns>The score.</returns>
    private protected abstract float Score(int user, int item);

    /// <summary>The fallback for an unknown user and a known item; the global mean unless overridden.</summary>
    /// <param name="item">A known dense item index.</param>
    /// <returns>The fallback score.</returns>
    private protected virtual float ScoreUnknownUser(int item) => GlobalMean;

    /// <summary>The fallback for a known user and an unknown item; the global mean unless overridden.</summary>
    /// <param name="user">A known dense user index.</param>
    /// <returns>The fallback score.</returns>
    private protected virtual float ScoreUnknownItem(int user) => GlobalMean;
}
