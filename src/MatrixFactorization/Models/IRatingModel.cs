using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// A trained model that predicts how a user would rate an item. Implementations are immutable
/// and safe for concurrent reads.
/// </summary>
/// <remarks>
/// A user or item is <em>known</em> when it had at least one rating in the training data. For an
/// unknown one the model returns a documented fallback instead of NaN, and says so in
/// <see cref="Prediction.Source"/>. Predictions are clipped to <see cref="Scale"/> when
/// <see cref="ClipsPredictions"/> is set (the default), because a rating outside the scale can
/// only be wrong by more than the clipped value.
/// </remarks>
public interface IRatingModel
{
    /// <summary>The raw ↔ dense map of the users the model was trained with.</summary>
    IdMap Users { get; }

    /// <summary>The raw ↔ dense map of the items the model was trained with.</summary>
    IdMap Items { get; }

    /// <summary>The rating scale observed in training; predictions are clipped to it when <see cref="ClipsPredictions"/> is set.</summary>
    RatingScale Scale { get; }

    /// <summary>Whether predictions are clipped to <see cref="Scale"/>.</summary>
    bool ClipsPredictions { get; }

    /// <summary>The mean training rating, the last-resort fallback.</summary>
    float GlobalMean { get; }

    /// <summary>Predicts by dense indices. An index outside the maps, or of a user or item without
    /// training ratings, gets the fallback.</summary>
    /// <param name="user">A dense user index.</param>
    /// <param name="item">A dense item index.</param>
    /// <returns>The prediction and its source.</returns>
    Prediction Predict(int user, int item);

    /// <summary>Predicts by raw integer ids.</summary>
    /// <param name="user">A raw user id.</param>
    /// <param name="item">A raw item id.</param>
    /// <returns>The prediction and its source.</returns>
    Prediction PredictRaw(long user, long item);

    /// <summary>Predicts by raw ids given as text.</summary>
    /// <param name="user">A raw user id.</param>
    /// <param name="item">A raw item id.</param>
    /// <returns>The prediction and its source.</returns>
    Prediction PredictRaw(string user, string item);

    /// <summary>Predicts many pairs by dense indices into a span; the same values as <see cref="Predict(int, int)"/>.</summary>
    /// <param name="users">Dense user indices.</param>
    /// <param name="items">Dense item indices, same length.</param>
    /// <param name="destination">Receives the predicted values, same length.</param>
    void Predict(ReadOnlySpan<int> users, ReadOnlySpan<int> items, Span<float> destination);

    /// <summary>A model that shares this one's parameters with clipping switched on or off.</summary>
    /// <param name="clip">Whether to clip predictions to the scale.</param>
    /// <returns>The model with the requested clipping.</returns>
    IRatingModel WithClipping(bool clip);
}
