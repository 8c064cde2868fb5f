using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// A user who was not in training (or one with new ratings), given factors — and a bias for the
/// biased model — by regularized least squares against the model's fixed item factors. Predict
/// with it directly, or pass it to <see cref="Recommender.Recommend(FoldedInUser, int, bool, Predicate{int})"/>.
/// </summary>
/// <remarks>
/// With no usable ratings (none, or only unknown items) the user is the cold-start user the
/// <see cref="Recommender"/> documents: zero factors and bias for the models with biases (μ + b_i),
/// the mean known user's factors for the plain model.
/// </remarks>
public sealed class FoldedInUser
{
    private readonly ModelParameters _parameters;
    private readonly RegularizedLeastSquares? _solution;
    private readonly int[] _items;
    private readonly float[] _ratings;
    private readonly double[] _targets;
    private readonly float[] _factors;

    internal FoldedInUser(ModelParameters parameters, RegularizedLeastSquares? solution, int[] items, float[] ratings, double[] targets, int ignored)
    {
        _parameters = parameters;
        _solution = solution;
        _items = items;
        _ratings = ratings;
        _targets = targets;
        IgnoredRatings = ignored;
        int k = parameters.Factors;
        if (solution is null)
        {
            _factors = parameters.HasBiases ? new float[k] : (float[])parameters.MeanUserFactors!.Clone();
            return;
        }

        _factors = new float[k];
        for (int f = 0; f < k; f++)
        {
            _factors[f] = (float)solution.Solution[f];
        }

        Bias = parameters.HasBiases ? (float)solution.Solution[k] : 0;
    }

    /// <summary>The user's factor vector p_u.</summary>
    public ReadOnlySpan<float> Factors => _factors;

    /// <summary>The user's bias b_u (0 for the plain model).</summary>
    public float Bias { get; }

    /// <summary>The dense indices of the items whose ratings were used, ascending.</summary>
    public ReadOnlySpan<int> RatedItems => _items;

    /// <summary>The ratings used, parallel to <see cref="RatedItems"/>.</summary>
    public ReadOnlySpan<float> Ratings => _ratings;

    /// <summary>Ratings of items the model does not know, which could not be used.</summary>
    public int IgnoredRatings { get; }

    /// <summary>Whether no rating could be used, so this is the cold-start user.</summary>
    public bool IsColdStart => _solution is null;

    internal ModelParameters Parameters => _parameters;

    /// <summary>The predicted rating of an item, clipped when the model clips.</summary>
    /// <param name="item">A dense item index.</param>
    /// <returns>The prediction; an item unknown to the model gets μ + b_u (μ for the plain model).</returns>
    public Prediction Predict(int item)
    {
        IRatingModel model = _parameters.Model;
        float offset = _parameters.HasBiases ? _parameters.GlobalMean + Bias : 0;
        if (!_parameters.IsKnownItem(item))
        {
            float fallback = _parameters.HasBiases ? offset : _parameters.GlobalMean;
            return new Prediction(model.ClipsPredictions ? model.Scale.Clip(fallback) : fallback, PredictionSource.UnknownItem);
        }

        float value = Score(item);
        return new Prediction(model.ClipsPredictions ? model.Scale.Clip(value) : value, PredictionSource.Model);
    }

    /// <summary>Splits the score of an item into the contributions of the user's ratings.</summary>
    /// <param name="item">A dense index of an item the model knows.</param>
    /// <returns>The explanation; with no usable ratings, the cold-start score and no contributions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The item is unknown to the model.</exception>
    public Explanation Explain(int item)
    {
        if (!_parameters.IsKnownItem(item))
        {
            throw new ArgumentOutOfRangeException(nameof(item), item, "The item had no training ratings.");
        }

        double baseline = _parameters.HasBiases ? _parameters.GlobalMean + _parameters.ItemBiases![item] : 0;
        if (_solution is null)
        {
            return new Explanation(item, Score(item), baseline, []);
        }

        bool withBias = _parameters.HasBiases;
        int d = _parameters.Factors + (withBias ? 1 : 0);
        var features = new double[d];
        RegularizedLeastSquares.Features(_parameters.ItemFactors!.Row(item), withBias, features);
        double[] weighted = _solution.ApplyInverse(features);
        var contributions = new ItemContribution[_items.Length];
        for (int j = 0; j < _items.Length; j++)
        {
            RegularizedLeastSquares.Features(_parameters.ItemFactors.Row(_items[j]), withBias, features);
            double share = 0;
            for (int f = 0; f < d; f++)
            {
                share += weighted[f] * features[f];
            }

            contributions[j] = new ItemContribution(_items[j], _parameters.Model.Items.GetId(_items[j]), _ratings[j], share * _targets[j]);
        }

        Array.Sort(contributions, (a, b) => b.Contribution.CompareTo(a.Contribution));
        return new Explanation(item, Score(item), baseline, contributions);
    }

    /// <summary>The unclipped score of a known item.</summary>
    internal float Score(int item)
    {
        float offset = _parameters.HasBiases ? _parameters.GlobalMean + Bias + _parameters.ItemBiases![item] : 0;
        return offset + FactorKernels.Dot(_factors, _parameters.ItemFactors!.Row(item));
    }
}
