namespace MatrixFactorization.Recommendation;

public sealed partial class Recommender
{
    /// <summary>
    /// Recommends for many users in parallel. The output is the same as calling
    /// <see cref="Recommend(int, int, bool, Predicate{int})"/> for each user in turn, whatever the
    /// number of threads.
    /// </summary>
    /// <remarks>
    /// Each user is one <see cref="Recommend(int, int, bool, Predicate{int})"/> call: the compact
    /// copy of the item factors that call scans fits in each core's cache, so scoring users in
    /// groups against tiles of items (which saves memory traffic for a float matrix) gains nothing.
    /// </remarks>
    /// <param name="users">Dense user indices.</param>
    /// <param name="count">How many items per user at most.</param>
    /// <param name="excludeRated">Leave out the items each user already rated.</param>
    /// <param name="filter">Keeps only items for which it returns <see langword="true"/>; must be thread-safe, and may be asked about an item more than once.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; 0 for one per processor.</param>
    /// <returns>One list per user, in the order of <paramref name="users"/>.</returns>
    public ScoredItem[][] RecommendMany(
        IReadOnlyList<int> users, int count, bool excludeRated = true, Predicate<int>? filter = null, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        var results = new ScoredItem[users.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism };

        // Each result lands in its own slot, so the output does not depend on scheduling.
        Parallel.For(0, users.Count, options, k => results[k] = Recommend(users[k], count, excludeRated, filter));
        return results;
    }
}
