using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// An item that was not in training, given factors — and a bias for the biased model — by
/// regularized least squares against the fixed factors of the users who rated it.
/// </summary>
public sealed class FoldedInItem
{
    private readonly ModelParameters _parameters;
    private readonly float[] _factors;

    internal FoldedInItem(ModelParameters parameters, float[] factors, float bias, int used, int ignored)
    {
        _parameters = parameters;
        _factors = factors;
        Bias = bias;
        UsedRatings = used;
        IgnoredRatings = ignored;
    }

    /// <summary>The item's factor vector q_i.</summary>
    public ReadOnlySpan<float> Factors => _factors;

    /// <summary>The item's bias b_i (0 for the plain model).</summary>
    public float Bias { get; }

    /// <summary>Ratings by users the model knows, which were used.</summary>
    public int UsedRatings { get; }

    /// <summary>Ratings by users the model does not know, which could not be used.</summary>
    public int IgnoredRatings { get; }

    /// <summary>The predicted rating of this item by a user, clipped when the model clips.</summary>
    /// <param name="user">A dense user index.</param>
    /// <returns>The prediction; a user unknown to the model gets μ + b_i (μ for the plain model).</returns>
    public Prediction Predict(int user)
    {
        IRatingModel model = _parameters.Model;
        bool biased = _parameters.HasBiases;
        float value;
        PredictionSource source;
        if (_parameters.IsKnownUser(user))
        {
            value = (biased ? _parameters.GlobalMean + _parameters.UserBiases![user] + Bias : 0)
                + FactorKernels.Dot(_parameters.UserFactors!.Row(user), _factors);
            source = PredictionSource.Model;
        }
        else
        {
            value = _parameters.GlobalMean + Bias;
            source = PredictionSource.UnknownUser;
        }

        return new Prediction(model.ClipsPredictions ? model.Scale.Clip(value) : value, source);
    }
}
