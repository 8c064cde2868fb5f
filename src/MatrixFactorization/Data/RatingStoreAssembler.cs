using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>Sorts collected ratings into CSR order and resolves duplicate pairs.</summary>
/// <remarks>
/// Files are usually grouped by user, which makes the rows contiguous already; only ratings in
/// any other order are first bucketed by user. Each row is then ordered by item: rows that are
/// already in order are copied, others are sorted through a small key array that stays in
/// cache. Repeated pairs end up adjacent in arrival order and are merged on the way out.
/// </remarks>
internal static class RatingStoreAssembler
{
    public static RatingStore Assemble(
        IdMap userMap,
        IdMap itemMap,
        ReadOnlySpan<int> users,
        ReadOnlySpan<int> items,
        ReadOnlySpan<float> values,
        ReadOnlySpan<uint> times,
        uint timeShift,
        long timeBase,
        LineIndex lines,
        DuplicatePolicy policy,
        string? source,
        out long duplicatePairs)
    {
        int userCount = userMap.Count;
        int[] offsets = RowOffsets(users, userCount, out bool grouped);
        var rows = grouped
            ? new RowSource(items, values, times, default)
            : RowSource.ByUser(users, items, values, times, offsets);
        var output = new RowWriter(users.Length, !times.IsEmpty, timeShift, policy);
        for (int u = 0; u < userCount; u++)
        {
            int start = offsets[u];
            int length = offsets[u + 1] - start;
            offsets[u] = output.Count;
            if (!output.WriteRow(rows, start, length))
            {
                int first = rows.ArrivalOf(start, output.DuplicateFirst);
                int second = rows.ArrivalOf(start, output.DuplicateSecond);
                throw new DuplicateRatingException(
                    source, userMap.GetId(u), itemMap.GetId(rows.Items[start + output.DuplicateFirst]), lines.LineOf(first), lines.LineOf(second));
            }
        }

        offsets[userCount] = output.Count;
        duplicatePairs = output.DuplicatePairs;
        (int[] outItems, float[] outValues, uint[]? outTimes) = output.Finish();
        int[] outUsers = GC.AllocateUninitializedArray<int>(outItems.Length);
        for (int u = 0; u < userCount; u++)
        {
            outUsers.AsSpan(offsets[u], offsets[u + 1] - offsets[u]).Fill(u);
        }

        return new RatingStore(userMap, itemMap, offsets, outUsers, outItems, outValues, outTimes, outTimes is null ? 0 : timeBase);
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
}
