namespace MatrixFactorization.Recommendation;

/// <summary>
/// Why a folded-in user gets a score for an item: "because you rated X".
/// </summary>
/// <remarks>
/// The user's coefficients are x = W Aᵀ y with W = (AᵀA + Λ)⁻¹, where row j of A is the rated
/// item's factor vector q_j (followed by 1 for the bias in the biased model) and y_j is the rating
/// (minus μ + b_j in the biased model). So the score μ + b_i + a_iᵀ x splits exactly into
/// <see cref="Baseline"/> = μ + b_i (0 for the plain model) plus one term y_j · a_iᵀ W a_j per
/// rated item.
/// </remarks>
/// <param name="Index">The dense index of the explained item.</param>
/// <param name="Score">The unclipped score the user's factors give; <see cref="Baseline"/> plus the contributions equals it up to float rounding.</param>
/// <param name="Baseline">The part that does not depend on the user's ratings.</param>
/// <param name="Contributions">One per rated item, largest contribution first.</param>
public sealed record Explanation(int Index, double Score, double Baseline, IReadOnlyList<ItemContribution> Contributions);
