namespace MatrixFactorization.Recommendation;

/// <summary>A rating of an item by raw id, as given for a fold-in.</summary>
/// <param name="ItemId">The raw item id.</param>
/// <param name="Rating">The rating.</param>
public readonly record struct ItemRating(string ItemId, float Rating);
