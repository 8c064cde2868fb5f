namespace MatrixFactorization.Data.Splits;

/// <summary>
/// A train/test split of a store. Both stores share the original store's id maps, so a dense
/// index means the same user or item in each.
/// </summary>
/// <param name="Train">The ratings to fit on.</param>
/// <param name="Test">The ratings to evaluate on.</param>
/// <param name="Report">Counts, and what was done with cold-start ratings.</param>
public sealed record RatingSplit(RatingStore Train, RatingStore Test, SplitReport Report);
