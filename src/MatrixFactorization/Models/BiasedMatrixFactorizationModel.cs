using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// Biased matrix factorization (Funk 2006; Koren, Bell and Volinsky 2009):
/// r̂_ui = μ + b_u + b_i + p_u · q_i, the notebook's <c>MF_bias</c> and Surprise's SVD.
/// Unknown user: μ + b_i; unknown item: μ + b_u; both: μ.
/// </summary>
public sealed class BiasedMatrixFactorizationModel : RatingModel, IFactorModel
{
    private readonly FactorMatrix _userFactors;
    private readonly FactorMatrix _itemFactors;
    private readonly float[] _userBiases;
    private readonly float[] _itemBiases;

    /// <summary>Creates a model from its parameters; the biases are copied.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="userFactors">P: one row per user of the domain.</param>
    /// <param name="itemFactors">Q: one row per item of the domain, as many columns as P.</param>
    /// <param name="userBiases">b_u, one per user.</param>
    /// <param name="itemBiases">b_i, one per item.</param>
    /// <param name="clipPredictions">Whether predictions are clipped to the rating scale.</param>
    /// <exception cref="ArgumentException">The shapes do not match the domain or each other.</exception>
    public BiasedMatrixFactorizationModel(
        TrainingDomain domain,
        FactorMatrix userFactors,
        FactorMatrix itemFactors,
        ReadOnlySpan<float> userBiases,
        ReadOnlySpan<float> itemBiases,
        bool clipPredictions = true)
        : this(domain, userFactors, itemFactors, userBiases.ToArray(), itemBiases.ToArray(), clipPredictions)
    {
    }

    internal BiasedMatrixFactorizationModel(
        TrainingDomain domain,
        FactorMatrix userFactors,
        FactorMatrix itemFactors,
        float[] userBiases,
        float[] itemBiases,
        bool clipPredictions)
        : base(domain, clipPredictions)
    {
        FactorShapes.Check(domain, userFactors, itemFactors);
        FactorShapes.CheckBiases(domain, userBiases, itemBiases);
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _userBiases = userBiases;
        _itemBiases = itemBiases;
    }

    /// <inheritdoc/>
    public int FactorCount => _userFactors.Columns;

    /// <inheritdoc/>
    public FactorMatrix UserFactors => _userFactors;

    /// <inheritdoc/>
    public FactorMatrix ItemFactors => _itemFactors;

    /// <inheritdoc/>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <inheritdoc/>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <summary>The global mean μ.</summary>
    public float ScoreOffset => GlobalMean;

    /// <summary>Empty: a user the model does not know is ranked by μ + b_i.</summary>
    public ReadOnlySpan<float> ColdStartVector => default;

    /// <inheritdoc/>
    public override void ScoreItems(int userIndex, Span<float> scores) => FactorScores.ScoreItems(this, userIndex, scores);

    /// <inheritdoc/>
    public override void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores) =>
        FactorScores.ScoreItems(this, userIndex, itemIndices, scores);

    /// <inheritdoc/>
    protected override float Score(int userIndex, int itemIndex) =>
        GlobalMean + _userBiases[userIndex] + _itemBiases[itemIndex] + FactorKernels.Dot(_userFactors.GetRow(userIndex), _itemFactors.GetRow(itemIndex));

    /// <inheritdoc/>
    protected override float ScoreUnknownUser(int itemIndex) => GlobalMean + _itemBiases[itemIndex];

    /// <inheritdoc/>
    protected override float ScoreUnknownItem(int userIndex) => GlobalMean + _userBiases[userIndex];
}
