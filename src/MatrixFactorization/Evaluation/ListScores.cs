namespace MatrixFactorization.Evaluation;

/// <summary>The ranking metrics of one user's list, before averaging.</summary>
internal readonly record struct ListScores(double Precision, double Recall, double Ndcg, double AveragePrecision, double Hit, double ReciprocalRank)
{
    /// <summary>Scores a ranked list against a relevant set.</summary>
    /// <param name="ranked">The recommended items, best first, at most <paramref name="k"/> used.</param>
    /// <param name="relevant">The relevant items that could appear in a list.</param>
    /// <param name="relevantCount">All relevant items, including any the model cannot recommend.</param>
    /// <param name="k">The cut-off.</param>
    public static ListScores Compute(ReadOnlySpan<int> ranked, HashSet<int> relevant, int relevantCount, int k)
    {
        int hits = 0;
        double dcg = 0, precisionSum = 0, reciprocal = 0;
        int length = Math.Min(ranked.Length, k);
        for (int position = 0; position < length; position++)
        {
            if (!relevant.Contains(ranked[position]))
            {
                continue;
            }

            hits++;
            int rank = position + 1;
            dcg += 1 / Math.Log2(rank + 1);
            precisionSum += hits / (double)rank;
            if (hits == 1)
            {
                reciprocal = 1.0 / rank;
            }
        }

        int ideal = Math.Min(relevantCount, k);
        double idcg = 0;
        for (int rank = 1; rank <= ideal; rank++)
        {
            idcg += 1 / Math.Log2(rank + 1);
        }

        return new ListScores(
            hits / (double)k,
            relevantCount == 0 ? 0 : hits / (double)relevantCount,
            idcg == 0 ? 0 : dcg / idcg,
            ideal == 0 ? 0 : precisionSum / ideal,
            hits > 0 ? 1 : 0,
            reciprocal);
    }
}
