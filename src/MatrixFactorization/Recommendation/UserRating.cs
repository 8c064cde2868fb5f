namespace MatrixFactorization.Recommendation;

/// <summary>A rating by a user given by raw id, as given to fold in a new item.</summary>
/// <param name="UserId">The raw user id.</param>
/// <param name="Rating">The rating.</param>
public readonly record struct UserRating(string UserId, float Rating);
