using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// An item that was not in training, given a factor vector — and a bias for a model with biases —
/// by regularized least squares against the fixed factors of the users who rated it.
/// </summary>
public sealed class FoldedInItem
{
    private readonly float[] _vector;

    internal FoldedInItem(IFactorModel model, float[] vector, float bias, int used, int ignored)
    {
        Model = model;
        _vector = vector;
        Bias = bias;
        UsedRatings = used;
        IgnoredRatings = ignored;
    }

    /// <summary>The model the item was folded into.</summary>
    public IFactorModel Model { get; }

    /// <summary>The item's factor vector q_i.</summary>
    public ReadOnlySpan<float> Vector => _vector;

    /// <summary>The item's bias b_i (0 for a model without item biases).</summary>
    public float Bias { get; }

    /// <summary>Ratings by users the model knows, which were used.</summary>
    public int UsedRatings { get; }

    /// <summary>Ratings by users the model does not know, which could not be used.</summary>
    public int IgnoredRatings { get; }

    /// <summary>The predicted rating of this item by a user given by raw id, clipped when the model clips.</summary>
    /// <param name="userId">A raw user id.</param>
    /// <returns>The prediction; a user unknown to the model gets the fallback <see cref="PredictByIndex"/> documents.</returns>
    public Prediction Predict(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return PredictByIndex(Model.Users.TryGetIndex(userId, out int user) ? user : -1);
    }

    /// <summary>The predicted rating of this item by a user given by dense index, clipped when the model clips.</summary>
    /// <param name="userIndex">A dense user index.</param>
    /// <returns>The prediction; a user unknown to the model gets μ + b_i (the offset, 0 or μ, plus the bias for the plain model).</returns>
    public Prediction PredictByIndex(int userIndex)
    {
        IRatingModel? rating = Model as IRatingModel;
        float mean = rating?.GlobalMean ?? Model.ScoreOffset;
        float value;
        PredictionSource source;
        if (Model.IsKnownUser(userIndex))
        {
            // μ + b_u + b_i with both biases, b_i alone (plus the offset) with item biases only.
            float offset = !Model.UserBiases.IsEmpty ? Model.ScoreOffset + Model.UserBiases[userIndex] + Bias
                : !Model.ItemBiases.IsEmpty ? Model.ScoreOffset + Bias
                : 0;
            value = offset + FactorKernels.Dot(Model.UserFactors.GetRow(userIndex), _vector);
            source = PredictionSource.Model;
        }
        else
        {
            value = mean + Bias;
            source = PredictionSource.UnknownUser;
        }

        return new Prediction(rating is { ClipsPredictions: true } ? rating.Scale.Clip(value) : value, source);
    }
}
