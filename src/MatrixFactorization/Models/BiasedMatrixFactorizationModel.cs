using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// Biased matrix factorization (Funk 2006; Koren, Bell and Volinsky 2009):
/// r̂_ui = μ + b_u + b_i + p_u · q_i, the notebook's <c>MF_bias</c> and Surprise's SVD.
/// Unknown user: μ + b_i; unknown item: μ + b_u; both: μ.
/// </summary>
public sealed class BiasedMatrixFactorizationModel : RatingModel
{
    private readonly FactorMatrix _userFactors;
    private readonly FactorMatrix _itemFactors;
    private readonly float[] _userBiases;
    private readonly float[] _itemBiases;

    internal BiasedMatrixFactorizationModel(
        TrainingDomain domain,
        FactorMatrix userFactors,
        FactorMatrix itemFactors,
        float[] userBiases,
        float[] itemBiases,
        bool clipPredictions)
        : base(domain, clipPredictions)
    {
        _userFactors = userFactors;
        _itemFactors = itemFactors;
        _userBiases = userBiases;
        _itemBiases = itemBiases;
    }

    /// <summary>The number of latent factors k.</summary>
    public int Factors => _userFactors.Columns;

    /// <summary>The user factor matrix P (one padded row per dense user index).</summary>
    public FactorMatrix UserFactors => _userFactors;

    /// <summary>The item factor matrix Q (one padded row per dense item index).</summary>
    public FactorMatrix ItemFactors => _itemFactors;

    /// <summary>The user biases b_u, by dense user index.</summary>
    public ReadOnlySpan<float> UserBiases => _userBiases;

    /// <summary>The item biases b_i, by dense item index.</summary>
    public ReadOnlySpan<float> ItemBiases => _itemBiases;

    /// <summary>The factor vector p_u of a user.</summary>
    /// <param name="user">A dense user index.</param>
    /// <returns>The k factors.</returns>
    public ReadOnlySpan<float> GetUserFactors(int user) => _userFactors.Row(user);

    /// <summary>The factor vector q_i of an item.</summary>
    /// <param name="item">A dense item index.</param>
    /// <returns>The k factors.</returns>
    public ReadOnlySpan<float> GetItemFactors(int item) => _itemFactors.Row(item);

    private protected override float Score(int user, int item) =>
        GlobalMean + _userBiases[user] + _itemBiases[item] + FactorKernels.Dot(_userFactors.Row(user), _itemFactors.Row(item));

    private protected override float ScoreUnknownUser(int item) => GlobalMean + _itemBiases[item];

    private protected override float ScoreUnknownItem(int user) => GlobalMean + _userBiases[user];
}
