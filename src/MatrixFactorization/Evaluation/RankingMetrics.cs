using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Evaluation;

/// <summary>Top-K ranking metrics of a recommender on held-out ratings: precision, recall, NDCG, MAP, hit rate, MRR and coverage.</summary>
public static class RankingMetrics
{
    /// <summary>
    /// Recommends K items to every test user with a relevant held-out item (rating ≥ the threshold)
    /// and scores the lists. Users and items are matched by raw id, so the test store may have its
    /// own maps. A relevant item the model cannot recommend (unknown to it) still counts in the
    /// user's relevant total: leaving it out would reward a model for not knowing items.
    /// </summary>
    /// <param name="recommender">The recommender; give it the training ratings so rated items are excluded.</param>
    /// <param name="test">The held-out ratings.</param>
    /// <param name="options">K, the threshold and exclusion; defaults when null.</param>
    /// <returns>The averaged metrics and how many users they cover.</returns>
    /// <exception cref="EmptyDataException"><paramref name="test"/> has no ratings, or no test user has a
    /// held-out rating at or above the relevance threshold: no list can be scored then.</exception>
    public static RankingAccuracy Evaluate(Recommender recommender, RatingStore test, RankingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(recommender);
        ArgumentNullException.ThrowIfNull(test);
        EmptyDataException.ThrowIfNoTestRatings(test, nameof(test));
        options ??= new RankingOptions();

        int[] users = IdTranslation.Map(test.Users, recommender.Model.Users);
        int[] items = IdTranslation.Map(test.Items, recommender.Model.Items);
        var evaluated = new List<int>();
        var modelUsers = new List<int>();
        var relevantSets = new List<HashSet<int>>();
        var relevantCounts = new List<int>();
        for (int u = 0; u < test.UserCount; u++)
        {
            RatingRow row = test.GetUserRatings(u);
            var relevant = new HashSet<int>();
            int count = 0;
            for (int k = 0; k < row.Length; k++)
            {
                if (row.Values[k] >= options.RelevanceThreshold)
                {
                    count++;
                    if (items[row.Items[k]] >= 0)
                    {
                        relevant.Add(items[row.Items[k]]);
                    }
                }
            }

            if (count > 0)
            {
                evaluated.Add(u);
                modelUsers.Add(users[u]);
                relevantSets.Add(relevant);
                relevantCounts.Add(count);
            }
        }

        if (evaluated.Count == 0)
        {
            throw new EmptyDataException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"No test user has a held-out rating at or above the relevance threshold {options.RelevanceThreshold} (the test set's {test.Count} ratings are all below it), so there is no list to score. Lower RankingOptions.RelevanceThreshold to the data's scale, or evaluate on a split with relevant held-out ratings."),
                nameof(test));
        }

        ScoredItem[][] lists = recommender.RecommendManyByIndex(modelUsers, options.K, options.ExcludeRated, null, options.Threads);
        double precision = 0, recall = 0, ndcg = 0, map = 0, hits = 0, mrr = 0;
        int coldStart = 0;
        var recommended = new HashSet<int>();
        for (int n = 0; n < lists.Length; n++)
        {
            int[] ranked = lists[n].Select(s => s.Index).ToArray();
            recommended.UnionWith(ranked);
            ListScores s = ListScores.Compute(ranked, relevantSets[n], relevantCounts[n], options.K);
            precision += s.Precision;
            recall += s.Recall;
            ndcg += s.Ndcg;
            map += s.AveragePrecision;
            hits += s.Hit;
            mrr += s.ReciprocalRank;
            coldStart += recommender.Model.IsKnownUser(modelUsers[n]) ? 0 : 1;
        }

        int m = lists.Length;
        int catalog = recommender.KnownItemCount;
        return new RankingAccuracy(
            options.K,
            precision / m,
            recall / m,
            ndcg / m,
            map / m,
            hits / m,
            mrr / m,
            m,
            coldStart,
            catalog == 0 ? 0 : recommended.Count / (double)catalog);
    }
}
