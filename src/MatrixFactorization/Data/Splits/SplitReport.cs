namespace MatrixFactorization.Data.Splits;

/// <summary>What a split put where, and what it did about cold starts.</summary>
/// <param name="TrainCount">Ratings in the train set.</param>
/// <param name="TestCount">Ratings in the test set (after cold-start handling).</param>
/// <param name="ColdStart">The policy applied to cold test ratings.</param>
/// <param name="ColdRatings">Test ratings whose user or item has no train rating, kept or dropped
/// as <paramref name="ColdStart"/> says.</param>
/// <param name="ColdUsers">Distinct users with test ratings but no train rating.</param>
/// <param name="ColdItems">Distinct items with test ratings but no train rating.</param>
/// <param name="UsersBelowMinimum">Users kept wholly in the train set because they have too few
/// ratings (per-user splits only; 0 otherwise).</param>
public sealed record SplitReport(
    int TrainCount,
    int TestCount,
    ColdStartPolicy ColdStart,
    int ColdRatings,
    int ColdUsers,
    int ColdItems,
    int UsersBelowMinimum)
{
    /// <summary>Cold test ratings left out of both sets (0 under <see cref="ColdStartPolicy.Keep"/>).</summary>
    public int DroppedCount => ColdStart == ColdStartPolicy.Drop ? ColdRatings : 0;
}
