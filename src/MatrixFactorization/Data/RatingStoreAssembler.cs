using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>Sorts collected ratings into CSR order and resolves duplicate pairs.</summary>
/// <remarks>
/// Files are usually grouped by user, which makes the rows contiguous already: then each row is
/// ordered by item in place and the builder's arrays become the store's, with no second copy of
/// the ratings ever allocated. Ratings in any other order are first bucketed by user into new
/// arrays, which are then arranged the same way. Repeated pairs end up adjacent in arrival
/// order and are merged on the way.
/// </remarks>
internal static class RatingStoreAssembler
{
    // Spare room the store may keep at the end of its arrays rather than copying them shorter.
    private const int SlackDivisor = 16;

    public static RatingStore Assemble(
        IdMap userMap,
        IdMap itemMap,
        int[] users,
        int[] items,
        float[] values,
        uint[]? times,
        int count,
        uint timeShift,
        long timeBase,
        LineIndex lines,
        DuplicatePolicy policy,
        string? source,
        int threads,
        out long duplicatePairs)
    {
        int userCount = userMap.Count;
        int[] offsets = RowOffsets(users.AsSpan(0, count), userCount, out bool grouped);
        int[]? arrival = null;
        if (!grouped)
        {
            (items, values, times, arrival) = UserBuckets.Fill(users.AsSpan(0, count), items, values, times, offsets);
            users = GC.AllocateUninitializedArray<int>(count);
            FillUsers(users, offsets);
        }

        // After a presort, a strictly ascending row is sorted and its timestamps shifted; when
        // no row repeats an item, that is every row and the store is done.
        bool presorted = count >= RowPresorter.MinimumRatings && threads > 1;
        int kept = count;
        duplicatePairs = 0;
        if (!presorted || RowPresorter.SortDistinctRows(offsets, items, values, times, timeShift, threads) > 0)
        {
            var arranger = new RowArranger(items, values, times, presorted ? 0 : timeShift, timeShift, policy);
            for (int u = 0; u < userCount; u++)
            {
                int start = offsets[u];
                offsets[u] = arranger.Count;
                if (!arranger.Arrange(start, offsets[u + 1] - start))
                {
                    int first = start + arranger.DuplicateFirst;
                    int second = start + arranger.DuplicateSecond;
                    (first, second) = arrival is null ? (first, second) : (arrival[first], arrival[second]);
                    throw new DuplicateRatingException(
                        source, userMap.GetId(u), itemMap.GetId(arranger.DuplicateItem), lines.LineOf(first), lines.LineOf(second));
                }
            }

            offsets[userCount] = arranger.Count;
            duplicatePairs = arranger.DuplicatePairs;
            kept = arranger.Count;
        }

        if (kept < count)
        {
            FillUsers(users, offsets);
        }

        if (items.Length - kept > kept / SlackDivisor)
        {
            Trim(ref users, kept);
            Trim(ref items, kept);
            Trim(ref values, kept);
            if (times is not null)
            {
                Trim(ref times, kept);
            }
        }

        return new RatingStore(userMap, itemMap, offsets, items, values, times, times is null ? 0 : timeBase, kept);
    }

    // CSR offsets from the user of each rating, and whether the ratings already come user by
    // user in index order (true of any file grouped by user, since indices follow first sight).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] RowOffsets(ReadOnlySpan<int> users, int userCount, out bool grouped)
    {
        var offsets = new int[userCount + 1];
        grouped = true;
        int previous = 0;
        foreach (int u in users)
        {
            offsets[u + 1]++;
            grouped &= u >= previous;
            previous = u;
        }

        for (int u = 0; u < userCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }

        return offsets;
    }

    private static void FillUsers(int[] users, int[] offsets)
    {
        for (int u = 0; u < offsets.Length - 1; u++)
        {
            users.AsSpan(offsets[u], offsets[u + 1] - offsets[u]).Fill(u);
        }
    }

    private static void Trim<T>(ref T[] array, int length)
    {
        T[] trimmed = GC.AllocateUninitializedArray<T>(length);
        array.AsSpan(0, length).CopyTo(trimmed);
        array = trimmed;
    }
}
