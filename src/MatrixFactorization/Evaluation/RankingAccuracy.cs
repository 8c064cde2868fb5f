namespace MatrixFactorization.Evaluation;

/// <summary>
/// Top-K ranking quality averaged over the evaluated users (those with at least one relevant
/// held-out item), binary relevance.
/// </summary>
/// <param name="K">The list length.</param>
/// <param name="Precision">Relevant items in the list divided by K.</param>
/// <param name="Recall">Relevant items in the list divided by the user's relevant items.</param>
/// <param name="Ndcg">DCG with gain 1/log2(rank + 1), divided by the ideal DCG of min(relevant, K) hits.</param>
/// <param name="MeanAveragePrecision">Mean over users of the precision at each hit's rank, summed and divided by min(relevant, K).</param>
/// <param name="HitRate">Share of users with at least one relevant item in the list.</param>
/// <param name="MeanReciprocalRank">Mean of 1/rank of the first relevant item (0 when none is in the list).</param>
/// <param name="UsersEvaluated">Users with at least one relevant held-out item; the averages are over them.</param>
/// <param name="ColdStartUsers">Of those, users the model did not know (given cold-start lists).</param>
/// <param name="CatalogCoverage">Distinct items recommended to the evaluated users, divided by the items the model can recommend.</param>
public sealed record RankingAccuracy(
    int K,
    double Precision,
    double Recall,
    double Ndcg,
    double MeanAveragePrecision,
    double HitRate,
    double MeanReciprocalRank,
    int UsersEvaluated,
    int ColdStartUsers,
    double CatalogCoverage);
