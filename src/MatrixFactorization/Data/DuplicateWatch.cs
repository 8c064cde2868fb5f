using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>
/// Finds a repeated (user, item) pair while ratings are still arriving, within each run of one
/// user's consecutive ratings. A file sorted by user is one run a user, so its first duplicate
/// stops the read at once instead of after the whole file; pairs repeated across runs of a file
/// in another order are still found when the store is built.
/// </summary>
internal sealed class DuplicateWatch
{
    // The arrival index + 1 of each item's latest rating, 0 for none: an entry from an earlier
    // run is older than the current run's start, so nothing is cleared between runs.
    private int[] _latest = new int[1024];
    private int _runUser = -1;
    private int _runStart;

    /// <summary>Watches a batch of ratings that arrived at consecutive indices.</summary>
    /// <param name="users">The ratings' users.</param>
    /// <param name="items">Their items.</param>
    /// <param name="first">The arrival index of the first.</param>
    /// <param name="earlier">When a pair repeats: the arrival index of its earlier rating.</param>
    /// <returns>The offset in the batch of the first rating that repeats a pair, or -1.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<int> users, ReadOnlySpan<int> items, int first, out int earlier)
    {
        int[] latest = _latest;
        int runUser = _runUser, runStart = _runStart;
        for (int j = 0; j < users.Length; j++)
        {
            int user = users[j], item = items[j], at = first + j;
            if (user != runUser)
            {
                runUser = user;
                runStart = at;
            }

            if ((uint)item >= (uint)latest.Length)
            {
                latest = Grow(item);
            }

            earlier = latest[item] - 1;
            if (earlier >= runStart)
            {
                return j;
            }

            latest[item] = at + 1;
        }

        _runUser = runUser;
        _runStart = runStart;
        earlier = -1;
        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int[] Grow(int item)
    {
        Array.Resize(ref _latest, (int)Math.Min(Array.MaxLength, Math.Max(item + 1L, _latest.Length * 2L)));
        return _latest;
    }
}
