namespace MatrixFactorization.Models;

/// <summary>
/// The baseline predictor μ + b_u + b_i (Koren 2008, §2.1): a global mean plus regularized user
/// and item biases, no interaction term. Unknown user: μ + b_i; unknown item: μ + b_u.
/// </summary>
public sealed class BaselineModel : RatingModel
{
    private readonly float[] _userBiases;
    private readonly float[] _itemBiases;

    /// <summary>Creates a model from its parameters; the biases are copied.</summary>
    /// <param name="domain">What the model knows about its training data.</param>
    /// <param name="userBiases">b_u, one per user.</param>
    /// <param name="itemBiases">b_i, one per item.</param>
    /// <param name="clipPredictions">Whether predictions are clipped to the rating scale.</param>
    /// <exception cref="ArgumentException">The lengths do not match the domain.</exception>
    public BaselineModel(TrainingDomain domain, ReadOnlySpan<float> userBiases, ReadOnlySpan<float> itemBiases, bool clipPredictions = true)
        : this(domain, userBiases.ToArray(), itemBiases.ToArray(), clipPredictions)
    {
    }

    internal BaselineModel(TrainingDomain domain, float[] userBiases, float[] itemBiases, bool clipPredictions)
        : base(domain, clipPredictions)
    {
        FactorShapes.CheckBiases(domain, userBiases, itemBiases);
        _userBiases = userBiases;
        _itemBiases = itemBiases;
    }

    /// <summary>The user biases b_u, by dense user index (0 for users without training ratings).</summary>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <summary>The item biases b_i, by dense item index (0 for items without training ratings).</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <inheritdoc/>
    protected override float Score(int userIndex, int itemIndex) => GlobalMean + _userBiases[userIndex] + _itemBiases[itemIndex];

    /// <inheritdoc/>
    protected override float ScoreUnknownUser(int itemIndex) => GlobalMean + _itemBiases[itemIndex];

    /// <inheritdoc/>
    protected override float ScoreUnknownItem(int userIndex) => GlobalMean + _userBiases[userIndex];
}
