using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// A user who was not in training (or one with new ratings), given a factor vector — and a bias
/// for a model with biases — by regularized least squares against the model's fixed item factors.
/// Predict with it directly, or pass it to <see cref="Recommender.Recommend(FoldedInUser, int, bool, Predicate{int})"/>.
/// </summary>
/// <remarks>
/// With no usable ratings (none, or only unknown items) the user is the cold-start user the
/// <see cref="Recommender"/> documents: the model's <see cref="IFactorModel.ColdStartVector"/> (zero
/// for the biased model, which ranks by μ + b_i; the mean known user for the plain model) and no bias.
/// For SVD++ the vector is the fitted p_u plus the implicit part |N|^−½ Σ y_j of the rated items, and
/// each rated item's contribution to an explanation includes its share of that part.
/// </remarks>
public sealed class FoldedInUser
{
    private readonly IUserSolution? _solution;
    private readonly int[] _items;
    private readonly float[] _ratings;
    private readonly double[] _targets;
    private readonly float[] _vector;
    private readonly float[]? _implicitPart;

    internal FoldedInUser(IFactorModel model, IUserSolution? solution, int[] items, float[] ratings, double[] targets, int ignored, float[]? implicitPart = null)
    {
        _implicitPart = implicitPart;
        Model = model;
        _solution = solution;
        _items = items;
        _ratings = ratings;
        _targets = targets;
        IgnoredRatings = ignored;
        int k = model.FactorCount;
        if (solution is null)
        {
            _vector = model.ColdStartVector.IsEmpty ? new float[k] : model.ColdStartVector.ToArray();
            return;
        }

        _vector = new float[k];
        for (int f = 0; f < k; f++)
        {
            _vector[f] = (float)solution.Solution[f] + (implicitPart is null ? 0f : implicitPart[f]);
        }

        Bias = HasUserBias ? (float)solution.Solution[k] : 0;
    }

    /// <summary>The model the user was folded into.</summary>
    public IFactorModel Model { get; }

    /// <summary>The user's factor vector p_u.</summary>
    public ReadOnlySpan<float> Vector => _vector;

    /// <summary>The user's bias b_u (0 for a model without user biases).</summary>
    public float Bias { get; }

    /// <summary>The dense indices of the items whose ratings were used, ascending.</summary>
    public ReadOnlySpan<int> RatedItems => _items;

    /// <summary>The ratings used, parallel to <see cref="RatedItems"/>.</summary>
    public ReadOnlySpan<float> Ratings => _ratings;

    /// <summary>Ratings of items the model does not know, which could not be used.</summary>
    public int IgnoredRatings { get; }

    /// <summary>Whether no rating could be used, so this is the cold-start user.</summary>
    public bool IsColdStart => _solution is null;

    /// <summary>Whether the model's scores have item biases b_i.</summary>
    private bool HasBiases => !Model.ItemBiases.IsEmpty;

    /// <summary>Whether the model's scores have user biases, so a fold-in fits one for this user.</summary>
    private bool HasUserBias => !Model.UserBiases.IsEmpty;

    /// <summary>The predicted rating of an item given by raw id, clipped when the model clips.</summary>
    /// <param name="itemId">A raw item id.</param>
    /// <returns>The prediction; an item unknown to the model gets the fallback <see cref="PredictByIndex"/> documents.</returns>
    public Prediction Predict(string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return PredictByIndex(Model.Items.TryGetIndex(itemId, out int item) ? item : -1);
    }

    /// <summary>The predicted rating of an item given by dense index, clipped when the model clips.</summary>
    /// <param name="itemIndex">A dense item index.</param>
    /// <returns>The prediction; an item unknown to the model gets μ + b_u with biases, else the model's global mean.</returns>
    public Prediction PredictByIndex(int itemIndex)
    {
        IRatingModel? rating = Model as IRatingModel;
        if (!Model.IsKnownItem(itemIndex))
        {
            float fallback = HasBiases ? Model.ScoreOffset + Bias : rating?.GlobalMean ?? Model.ScoreOffset;
            return new Prediction(Clip(rating, fallback), PredictionSource.UnknownItem);
        }

        return new Prediction(Clip(rating, Score(itemIndex)), PredictionSource.Model);
    }

    /// <summary>Splits the score of an item, given by raw id, into the contributions of the user's ratings.</summary>
    /// <param name="itemId">A raw id of an item the model knows.</param>
    /// <returns>The explanation; with no usable ratings, the cold-start score and no contributions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The item is unknown to the model.</exception>
    public Explanation Explain(string itemId)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return ExplainByIndex(Model.Items.TryGetIndex(itemId, out int item) ? item : -1);
    }

    /// <summary>Splits the score of an item, given by dense index, into the contributions of the user's ratings.</summary>
    /// <param name="itemIndex">A dense index of an item the model knows.</param>
    /// <returns>The explanation; with no usable ratings, the cold-start score and no contributions.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The item is unknown to the model.</exception>
    public Explanation ExplainByIndex(int itemIndex)
    {
        if (!Model.IsKnownItem(itemIndex))
        {
            throw new ArgumentOutOfRangeException(nameof(itemIndex), itemIndex, "The item had no training ratings.");
        }

        bool withBias = HasUserBias;
        double baseline = HasBiases ? Model.ScoreOffset + Model.ItemBiases[itemIndex] : 0;
        if (_solution is null)
        {
            return new Explanation(itemIndex, Score(itemIndex), baseline, []);
        }

        int d = Model.FactorCount + (withBias ? 1 : 0);
        var features = new double[d];
        RegularizedLeastSquares.Features(Model.ItemFactors.GetRow(itemIndex), withBias, features);
        double[] weighted = _solution.ApplyInverse(features);
        var contributions = new ItemContribution[_items.Length];
        for (int j = 0; j < _items.Length; j++)
        {
            RegularizedLeastSquares.Features(Model.ItemFactors.GetRow(_items[j]), withBias, features);
            double share = 0;
            for (int f = 0; f < d; f++)
            {
                share += weighted[f] * features[f];
            }

            contributions[j] = new ItemContribution(_items[j], Model.Items.GetId(_items[j]), _ratings[j], share * _targets[j] + ImplicitShare(_items[j], itemIndex));
        }

        Array.Sort(contributions, (a, b) => b.Contribution.CompareTo(a.Contribution));
        return new Explanation(itemIndex, Score(itemIndex), baseline, contributions);
    }

    /// <summary>What having rated <paramref name="rated"/> adds to the score of <paramref name="item"/>
    /// through SVD++'s implicit part, |N|^−½ y_rated · q_item; 0 for other models.</summary>
    private double ImplicitShare(int rated, int item)
    {
        if (_implicitPart is null || Model is not IImplicitUserPart withImplicitPart)
        {
            return 0;
        }

        var y = new float[Model.FactorCount];
        withImplicitPart.ImplicitPart([rated], y);
        return FactorKernels.Dot(y, Model.ItemFactors.GetRow(item)) / Math.Sqrt(_items.Length);
    }

    /// <summary>The unclipped score of a known item.</summary>
    internal float Score(int item)
    {
        float offset = HasBiases ? Model.ScoreOffset + Bias + Model.ItemBiases[item] : HasUserBias ? Model.ScoreOffset + Bias : 0;
        return offset + FactorKernels.Dot(_vector, Model.ItemFactors.GetRow(item));
    }

    private static float Clip(IRatingModel? model, float value) =>
        model is { ClipsPredictions: true } ? model.Scale.Clip(value) : value;
}
