namespace MatrixFactorization.Recommendation;

/// <summary>An item with the score that ranked it.</summary>
/// <param name="Index">The dense item index in the model's id map.</param>
/// <param name="Id">The raw item id.</param>
/// <param name="Score">
/// The ranking score: the unclipped predicted rating for a recommendation, the cosine similarity
/// for a similar item.
/// </param>
public readonly record struct ScoredItem(int Index, string Id, float Score);
