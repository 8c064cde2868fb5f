using MatrixFactorization.Data;

namespace MatrixFactorization.Models;

/// <summary>
/// A model that predicts calibrated ratings: how a user would rate an item, on the scale of the
/// training ratings. Implementations are immutable and safe for concurrent reads.
/// </summary>
/// <remarks>
/// A user or item is <em>known</em> when it had at least one rating in the training data. For an
/// unknown one the model returns a documented fallback instead of NaN, and says so in
/// <see cref="Prediction.Source"/>. Predictions are clipped to <see cref="Scale"/> when
/// <see cref="ClipsPredictions"/> is set (the default), because a rating outside the scale can
/// only be wrong by more than the clipped value. <see cref="IScoringModel.ScoreItems(int, Span{float})"/>
/// gives, for a known user and item, the unclipped prediction.
/// </remarks>
public interface IRatingModel : IScoringModel
{
    /// <summary>The rating scale observed in training; predictions are clipped to it when <see cref="ClipsPredictions"/> is set.</summary>
    RatingScale Scale { get; }

    /// <summary>Whether predictions are clipped to <see cref="Scale"/>.</summary>
    bool ClipsPredictions { get; }

    /// <summary>The mean training rating, the last-resort fallback.</summary>
    float GlobalMean { get; }

    /// <summary>Predicts by dense indices. An index outside the maps, or of a user or item without
    /// training ratings, gets the fallback.</summary>
    /// <param name="userIndex">A dense user index.</param>
    /// <param name="itemIndex">A dense item index.</param>
    /// <returns>The prediction and its source.</returns>
    Prediction PredictByIndex(int userIndex, int itemIndex);

    /// <summary>Predicts many pairs by dense indices into a span; the same values as <see cref="PredictByIndex(int, int)"/>.</summary>
    /// <param name="userIndices">Dense user indices.</param>
    /// <param name="itemIndices">Dense item indices, same length.</param>
    /// <param name="destination">Receives the predicted values, same length.</param>
    void PredictByIndex(ReadOnlySpan<int> userIndices, ReadOnlySpan<int> itemIndices, Span<float> destination);

    /// <summary>Predicts by raw integer ids (for example MovieLens' userId and movieId).</summary>
    /// <param name="userId">A raw user id.</param>
    /// <param name="itemId">A raw item id.</param>
    /// <returns>The prediction and its source; an id the model does not know gets the fallback.</returns>
    Prediction Predict(long userId, long itemId);

    /// <summary>Predicts by raw ids given as text.</summary>
    /// <param name="userId">A raw user id.</param>
    /// <param name="itemId">A raw item id.</param>
    /// <returns>The prediction and its source; an id the model does not know gets the fallback.</returns>
    Prediction Predict(string userId, string itemId);

    /// <summary>A model with this one's parameters and clipping switched on or off. The
    /// parameters are read-only, so sharing them is safe.</summary>
    /// <param name="clip">Whether to clip predictions to the scale.</param>
    /// <returns>The model with the requested clipping.</returns>
    IRatingModel WithClipping(bool clip);
}
