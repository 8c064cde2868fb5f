using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Data;

/// <summary>Sorts collected ratings into CSR order and resolves duplicate pairs.</summary>
/// <remarks>
/// Two stable counting sorts, first by item and then by user, leave every row ordered by item
/// with repeated pairs adjacent and in arrival order. That is linear in the number of ratings,
/// where sorting each row costs a comparison sort per user. The rating values and timestamps
/// travel with the sorts, so no pass reads them at random.
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
        int n = values.Length;
        bool timed = !times.IsEmpty;
        int[] itemStarts = Starts(items, itemMap.Count);
        var colUsers = new int[n];
        var colValues = new float[n];
        uint[]? colTimes = timed ? new uint[n] : null;
        ScatterByItem(itemStarts, users, items, values, times, timeShift, colUsers, colValues, colTimes);

        int[] offsets = Starts(users, userMap.Count);
        var outItems = new int[n];
        var outValues = new float[n];
        uint[]? outTimes = timed ? new uint[n] : null;
        ScatterByUser(itemStarts, offsets, colUsers, colValues, colTimes, outItems, outValues, outTimes);

        int kept = Deduplicate(offsets, outItems, outValues, outTimes, policy, out duplicatePairs, out int dupUser, out int dupItem);
        if (dupUser >= 0)
        {
            (long first, long second) = LinesOfPair(users, items, dupUser, dupItem, lines);
            throw new DuplicateRatingException(source, userMap.GetId(dupUser), itemMap.GetId(dupItem), first, second);
        }

        if (kept < n)
        {
            Array.Resize(ref outItems, kept);
            Array.Resize(ref outValues, kept);
            if (outTimes is not null)
            {
                Array.Resize(ref outTimes, kept);
            }
        }

        var outUsers = new int[kept];
        for (int u = 0; u < userMap.Count; u++)
        {
            outUsers.AsSpan(offsets[u], offsets[u + 1] - offsets[u]).Fill(u);
        }

        return new RatingStore(userMap, itemMap, offsets, outUsers, outItems, outValues, outTimes, timed ? timeBase : 0);
    }

    private static int[] Starts(ReadOnlySpan<int> keys, int keyCount)
    {
        var starts = new int[keyCount + 1];
        ref int start = ref MemoryMarshal.GetArrayDataReference(starts);
        foreach (int key in keys)
        {
            Unsafe.Add(ref start, key + 1)++;
        }

        for (int k = 0; k < keyCount; k++)
        {
            starts[k + 1] += starts[k];
        }

        return starts;
    }

    // Indices come from the builder's own id maps, so they are in range; the unchecked element
    // access matters because these loops touch every rating twice.
    private static void ScatterByItem(
        int[] itemStarts,
        ReadOnlySpan<int> users,
        ReadOnlySpan<int> items,
        ReadOnlySpan<float> values,
        ReadOnlySpan<uint> times,
        uint timeShift,
        int[] colUsers,
        float[] colValues,
        uint[]? colTimes)
    {
        int[] cursor = itemStarts.AsSpan(0, itemStarts.Length - 1).ToArray();
        ref int next = ref MemoryMarshal.GetArrayDataReference(cursor);
        ref int outUser = ref MemoryMarshal.GetArrayDataReference(colUsers);
        ref float outValue = ref MemoryMarshal.GetArrayDataReference(colValues);
        if (colTimes is null)
        {
            for (int k = 0; k < items.Length; k++)
            {
                int slot = Unsafe.Add(ref next, items[k])++;
                Unsafe.Add(ref outUser, slot) = users[k];
                Unsafe.Add(ref outValue, slot) = values[k];
            }

            return;
        }

        ref uint outTime = ref MemoryMarshal.GetArrayDataReference(colTimes);
        for (int k = 0; k < items.Length; k++)
        {
            int slot = Unsafe.Add(ref next, items[k])++;
            Unsafe.Add(ref outUser, slot) = users[k];
            Unsafe.Add(ref outValue, slot) = values[k];
            Unsafe.Add(ref outTime, slot) = unchecked(times[k] - timeShift);
        }
    }

    private static void ScatterByUser(
        int[] itemStarts,
        int[] offsets,
        int[] colUsers,
        float[] colValues,
        uint[]? colTimes,
        int[] outItems,
        float[] outValues,
        uint[]? outTimes)
    {
        int[] cursor = offsets.AsSpan(0, offsets.Length - 1).ToArray();
        ref int next = ref MemoryMarshal.GetArrayDataReference(cursor);
        ref int outItem = ref MemoryMarshal.GetArrayDataReference(outItems);
        ref float outValue = ref MemoryMarshal.GetArrayDataReference(outValues);
        for (int item = 0; item < itemStarts.Length - 1; item++)
        {
            int end = itemStarts[item + 1];
            for (int s = itemStarts[item]; s < end; s++)
            {
                int p = Unsafe.Add(ref next, colUsers[s])++;
                Unsafe.Add(ref outItem, p) = item;
                Unsafe.Add(ref outValue, p) = colValues[s];
                if (outTimes is not null)
                {
                    outTimes[p] = colTimes![s];
                }
            }
        }
    }

    // Compacts each row in place so every (user, item) pair appears once; rewrites the offsets.
    private static int Deduplicate(
        int[] offsets,
        int[] items,
        float[] values,
        uint[]? times,
        DuplicatePolicy policy,
        out long pairs,
        out int dupUser,
        out int dupItem)
    {
        pairs = 0;
        dupUser = dupItem = -1;
        if (!HasAdjacentRepeat(offsets, items))
        {
            return items.Length;
        }

        int w = 0;
        int userCount = offsets.Length - 1;
        int rowStart = 0;
        for (int u = 0; u < userCount; u++)
        {
            int end = offsets[u + 1];
            int j = rowStart;
            while (j < end)
            {
                int groupEnd = j + 1;
                while (groupEnd < end && items[groupEnd] == items[j])
                {
                    groupEnd++;
                }

                int chosen = j;
                float value = values[j];
                if (groupEnd - j > 1)
                {
                    pairs++;
                    switch (policy)
                    {
                        case DuplicatePolicy.Error:
                            dupUser = u;
                            dupItem = items[j];
                            return 0;
                        case DuplicatePolicy.KeepLast:
                            chosen = groupEnd - 1;
                            value = values[chosen];
                            break;
                        case DuplicatePolicy.Average:
                            double sum = 0;
                            for (int g = j; g < groupEnd; g++)
                            {
                                sum += values[g];
                                if (times is not null && times[g] >= times[chosen])
                                {
                                    chosen = g;
                                }
                            }

                            value = (float)(sum / (groupEnd - j));
                            break;
                        default:
                            break;
                    }
                }

                items[w] = items[j];
                values[w] = value;
                if (times is not null)
                {
                    times[w] = times[chosen];
                }

                w++;
                j = groupEnd;
            }

            rowStart = end;
            offsets[u + 1] = w;
        }

        return w;
    }

    private static bool HasAdjacentRepeat(int[] offsets, int[] items)
    {
        for (int u = 0; u < offsets.Length - 1; u++)
        {
            for (int p = offsets[u] + 1; p < offsets[u + 1]; p++)
            {
                if (items[p] == items[p - 1])
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Only the error path needs arrival order back; one scan of the collected ratings finds it.
    private static (long First, long Second) LinesOfPair(ReadOnlySpan<int> users, ReadOnlySpan<int> items, int user, int item, LineIndex lines)
    {
        int first = -1;
        for (int k = 0; k < users.Length; k++)
        {
            if (users[k] == user && items[k] == item)
            {
                if (first >= 0)
                {
                    return (lines.LineOf(first), lines.LineOf(k));
                }

                first = k;
            }
        }

        return (lines.LineOf(first), lines.LineOf(first));
    }
}
