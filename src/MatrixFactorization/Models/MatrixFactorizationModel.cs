using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// Plain matrix factorization: the rating of user u for item i is p_u · q_i, as in the
/// "Matrix Factorization and Movie Recommendations" talk and the notebook's <c>MF</c> model.
/// Unknown users or items get the global mean; for ranking, a user the model does not know is
/// treated as the average known user.
/// </summary>
public sealed class MatrixFactorizationModel : RatingModel, IFactorModel
{
    private readonly FactorMatrix _userFactors;
    private readonly FactorMatrix _itemFactors;
    private readonly Lazy<float[]> _meanUser;

    /// <summary>Creates a model from its parameters.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="userFactors">P: one row per user of the domain.</param>
    /// <param name="itemFactors">Q: one row per item of the domain, as many columns as P.</param>
    /// <param name="clipPredictions">Whether predictions are clipped to the rating scale.</param>
    /// <exception cref="ArgumentException">The shapes do not match the domain or each other.</exception>
    public MatrixFactorizationModel(TrainingDomain domain, FactorMatrix userFactors, FactorMatrix itemFactors, bool clipPredictions = true)
        : base(domain, clipPredictions)
    {
        FactorShapes.Check(domain, userFactors, itemFactors);
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _meanUser = new(() => FactorScores.MeanOfKnownRows(userFactors, domain));
    }

    /// <inheritdoc/>
    public int FactorCount => _userFactors.Columns;

    /// <inheritdoc/>
    public FactorMatrix UserFactors => _userFactors;

    /// <inheritdoc/>
    public FactorMatrix ItemFactors => _itemFactors;

    /// <summary>Always empty: the plain model has no biases.</summary>
    public ReadOnlySpan<float> UserBiases => default;

    /// <summary>Always empty: the plain model has no biases.</summary>
    public ReadOnlySpan<float> ItemBiases => default;

    /// <summary>0: scores are the dot products alone.</summary>
    public float ScoreOffset => 0f;

    /// <summary>The mean factor vector of the known users.</summary>
    public ReadOnlySpan<float> ColdStartVector => _meanUser.Value;

    /// <inheritdoc/>
    public override void ScoreItems(int userIndex, Span<float> scores) => FactorScores.ScoreItems(this, userIndex, scores);

    /// <inheritdoc/>
    public override void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores) =>
        FactorScores.ScoreItems(this, userIndex, itemIndices, scores);

    /// <inheritdoc/>
    protected override float Score(int userIndex, int itemIndex) =>
        FactorKernels.Dot(_userFactors.GetRow(userIndex), _itemFactors.GetRow(itemIndex));
}
