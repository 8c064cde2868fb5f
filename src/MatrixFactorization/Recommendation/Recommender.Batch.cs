namespace MatrixFactorization.Recommendation;

public sealed partial class Recommender
{
    /// <summary>
    /// Recommends for many users, given by dense index, in parallel. The output is the same as
    /// calling <see cref="RecommendByIndex"/> for each user in turn, whatever the number of threads.
    /// </summary>
    /// <remarks>
    /// Each user is one <see cref="RecommendByIndex"/> call: the compact copy of the item factors
    /// that call scans fits in each core's cache, so scoring users in groups against tiles of items
    /// (which saves memory traffic for a float matrix) gains nothing.
    /// </remarks>
    /// <param name="userIndices">Dense user indices.</param>
    /// <param name="count">How many items per user at most.</param>
    /// <param name="excludeRated">Leave out the items each user already rated.</param>
    /// <param name="filter">Keeps only items for which it returns <see langword="true"/>; must be thread-safe, and may be asked about an item more than once.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 0 for one per processor.</param>
    /// <returns>One list per user, in the order of <paramref name="userIndices"/>.</returns>
    public ScoredItem[][] RecommendManyByIndex(
        IReadOnlyList<int> userIndices, int count, bool excludeRated = true, Predicate<int>? filter = null, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(userIndices);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        var results = new ScoredItem[userIndices.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism };

        // Each result lands in its own slot, so the output does not depend on scheduling.
        Parallel.For(0, userIndices.Count, options, k => results[k] = RecommendByIndex(userIndices[k], count, excludeRated, filter));
        return results;
    }

    /// <summary>Recommends for many users, given by raw id, in parallel; see <see cref="RecommendManyByIndex"/>.</summary>
    /// <param name="userIds">Raw user ids; ids the model does not know get cold-start recommendations.</param>
    /// <param name="count">How many items per user at most.</param>
    /// <param name="excludeRated">Leave out the items each user already rated.</param>
    /// <param name="filter">Keeps only items for which it returns <see langword="true"/>; must be thread-safe.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 0 for one per processor.</param>
    /// <returns>One list per user, in the order of <paramref name="userIds"/>.</returns>
    public ScoredItem[][] RecommendMany(
        IReadOnlyList<string> userIds, int count, bool excludeRated = true, Predicate<int>? filter = null, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var indices = new int[userIds.Count];
        for (int k = 0; k < indices.Length; k++)
        {
            ArgumentNullException.ThrowIfNull(userIds[k], nameof(userIds));
            indices[k] = Model.Users.TryGetIndex(userIds[k], out int user) ? user : -1;
        }

        return RecommendManyByIndex(indices, count, excludeRated, filter, maxDegreeOfParallelism);
    }
}
