namespace MatrixFactorization.Recommendation;

/// <summary>A user with the score that ranked it.</summary>
/// <param name="Index">The dense user index in the model's id map.</param>
/// <param name="Id">The raw user id.</param>
/// <param name="Score">The cosine similarity of the two users' factor vectors.</param>
public readonly record struct ScoredUser(int Index, string Id, float Score);
