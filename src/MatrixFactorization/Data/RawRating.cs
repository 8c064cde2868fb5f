namespace MatrixFactorization.Data;

/// <summary>One rating as it arrives from outside, with raw ids.</summary>
/// <param name="User">The raw user id.</param>
/// <param name="Item">The raw item id.</param>
/// <param name="Value">The rating.</param>
/// <param name="Timestamp">Optional time of the rating, in Unix seconds.</param>
public readonly record struct RawRating(long User, long Item, float Value, long? Timestamp = null);
