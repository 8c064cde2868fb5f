namespace MatrixFactorization.Recommendation;

/// <summary>How much one of a folded-in user's ratings adds to the score of another item.</summary>
/// <param name="Index">The dense index of the rated item.</param>
/// <param name="Id">The raw id of the rated item.</param>
/// <param name="Rating">The user's rating of it.</param>
/// <param name="Contribution">Its additive share of the score: y_j · a_iᵀ W a_j (see <see cref="Explanation"/>).</param>
public readonly record struct ItemContribution(int Index, string Id, float Rating, double Contribution);
