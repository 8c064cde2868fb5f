namespace MatrixFactorization.Models;

/// <summary>
/// The baseline predictor μ + b_u + b_i (Koren 2008, §2.1): a global mean plus regularized user
/// and item biases, no interaction term. Unknown user: μ + b_i; unknown item: μ + b_u.
/// </summary>
public sealed class BaselineModel : RatingModel
{
    private readonly float[] _userBiases;
    private readonly float[] _itemBiases;

    internal BaselineModel(TrainingDomain domain, float[] userBiases, float[] itemBiases, bool clipPredictions)
        : base(domain, clipPredictions)
    {
        _userBiases = userBiases;
        _itemBiases = itemBiases;
    }

    /// <summary>The user biases b_u, by dense user index (0 for users without training ratings).</summary>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <summary>The item biases b_i, by dense item index (0 for items without training ratings).</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    private protected override float Score(int user, int item) => GlobalMean + _userBiases[user] + _itemBiases[item];

    private protected override float ScoreUnknownUser(int item) => GlobalMean + _itemBiases[item];

    private protected override float ScoreUnknownItem(int user) => GlobalMean + _userBiases[user];
}
