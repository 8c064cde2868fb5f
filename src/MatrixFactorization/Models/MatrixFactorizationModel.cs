using MatrixFactorization.Kernels;

namespace MatrixFactorization.Models;

/// <summary>
/// Plain matrix factorization: the rating of user u for item i is p_u · q_i, as in the
/// "Matrix Factorization and Movie Recommendations" talk and the notebook's <c>MF</c> model.
/// Unknown users or items get the global mean.
/// </summary>
public sealed class MatrixFactorizationModel : RatingModel
{
    private readonly FactorMatrix _userFactors;
    private readonly FactorMatrix _itemFactors;

    internal MatrixFactorizationModel(TrainingDomain domain, FactorMatrix userFactors, FactorMatrix itemFactors, bool clipPredictions)
        : base(domain, clipPredictions)
    {
        _userFactors = userFactors;
        _itemFactors = itemFactors;
    }

    /// <summary>The number of latent factors k.</summary>
    public int Factors => _userFactors.Columns;

    /// <summary>The user factor matrix P (one padded row per dense user index).</summary>
    public FactorMatrix UserFactors => _userFactors;

    /// <summary>The item factor matrix Q (one padded row per dense item index).</summary>
    public FactorMatrix ItemFactors => _itemFactors;

    /// <summary>The factor vector p_u of a user.</summary>
    /// <param name="user">A dense user index.</param>
    /// <returns>The k factors.</returns>
    public ReadOnlySpan<float> GetUserFactors(int user) => _userFactors.Row(user);

    /// <summary>The factor vector q_i of an item.</summary>
    /// <param name="item">A dense item index.</param>
    /// <returns>The k factors.</returns>
    public ReadOnlySpan<float> GetItemFactors(int item) => _itemFactors.Row(item);

    private protected override float Score(int user, int item) => FactorKernels.Dot(_userFactors.Row(user), _itemFactors.Row(item));
}
