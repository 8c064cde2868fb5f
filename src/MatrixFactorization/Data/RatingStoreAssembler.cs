namespace MatrixFactorization.Data;

/// <summary>Sorts collected ratings into CSR order and resolves duplicate pairs.</summary>
internal static class RatingStoreAssembler
{
    public static RatingStore Assemble(
        IdMap userMap,
        IdMap itemMap,
        ReadOnlySpan<int> users,
        ReadOnlySpan<int> items,
        ReadOnlySpan<float> values,
        ReadOnlySpan<long> times,
        ReadOnlySpan<long> lines,
        DuplicatePolicy policy,
        string? source,
        out long duplicatePairs)
    {
        int n = values.Length;
        int userCount = userMap.Count;
        var offsets = new int[userCount + 1];
        foreach (int u in users)
        {
            offsets[u + 1]++;
        }

        for (int u = 0; u < userCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }

        // Key = item in the high half, arrival order in the low half: sorting a user's keys
        // orders by item and keeps arrival order among duplicates, which KeepFirst/KeepLast need.
        var keys = new long[n];
        var next = offsets.AsSpan(0, userCount).ToArray();
        for (int k = 0; k < n; k++)
        {
            keys[next[users[k]]++] = ((long)items[k] << 32) | (uint)k;
        }

        for (int u = 0; u < userCount; u++)
        {
            Span<long> row = keys.AsSpan(offsets[u], offsets[u + 1] - offsets[u]);
            for (int j = 1; j < row.Length; j++)
            {
                if (row[j] < row[j - 1])
                {
                    row.Sort();
                    break;
                }
            }
        }

        long timeBase = 0;
        if (!times.IsEmpty && n > 0)
        {
            long min = long.MaxValue, max = long.MinValue;
            foreach (long t in times)
            {
                min = Math.Min(min, t);
                max = Math.Max(max, t);
            }

            if (max - min > uint.MaxValue)
            {
                throw new RatingDataException(
                    "timestamps span more than 136 years, which the store's 32-bit offsets cannot hold",
                    source,
                    hint: "Timestamps must be Unix seconds; convert milliseconds to seconds first.");
            }

            timeBase = min;
        }

        var outUsers = new int[n];
        var outItems = new int[n];
        var outValues = new float[n];
        uint[]? outTimes = times.IsEmpty ? null : new uint[n];
        var outOffsets = new int[userCount + 1];
        int w = 0;
        duplicatePairs = 0;
        for (int u = 0; u < userCount; u++)
        {
            int end = offsets[u + 1];
            int j = offsets[u];
            while (j < end)
            {
                int first = (int)(uint)keys[j];
                int item = (int)(keys[j] >> 32);
                int groupEnd = j + 1;
                while (groupEnd < end && (int)(keys[groupEnd] >> 32) == item)
                {
                    groupEnd++;
                }

                int chosen = first;
                float value = values[first];
                if (groupEnd - j > 1)
                {
                    duplicatePairs++;
                    int last = (int)(uint)keys[groupEnd - 1];
                    switch (policy)
                    {
                        case DuplicatePolicy.Error:
                            int second = (int)(uint)keys[j + 1];
                            throw new DuplicateRatingException(source, userMap.GetId(u), itemMap.GetId(item), lines[first], lines[second]);
                        case DuplicatePolicy.KeepLast:
                            chosen = last;
                            value = values[last];
                            break;
                        case DuplicatePolicy.Average:
                            double sum = 0;
                            for (int g = j; g < groupEnd; g++)
                            {
                                sum += values[(int)(uint)keys[g]];
                            }

                            value = (float)(sum / (groupEnd - j));
                            chosen = LatestOf(keys.AsSpan(j, groupEnd - j), times, last);
                            break;
                        default:
                            break;
                    }
                }

                outUsers[w] = u;
                outItems[w] = item;
                outValues[w] = value;
                if (outTimes is not null)
                {
                    outTimes[w] = (uint)(times[chosen] - timeBase);
                }

                w++;
                j = groupEnd;
            }

            outOffsets[u + 1] = w;
        }

        if (w < n)
        {
            Array.Resize(ref outUsers, w);
            Array.Resize(ref outItems, w);
            Array.Resize(ref outValues, w);
            if (outTimes is not null)
            {
                Array.Resize(ref outTimes, w);
            }
        }

        return new RatingStore(userMap, itemMap, outOffsets, outUsers, outItems, outValues, outTimes, timeBase);
    }

    private static int LatestOf(ReadOnlySpan<long> group, ReadOnlySpan<long> times, int fallback)
    {
        if (times.IsEmpty)
        {
            return fallback;
        }

        int best = (int)(uint)group[0];
        foreach (long key in group)
        {
            int k = (int)(uint)key;
            if (times[k] >= times[best])
            {
                best = k;
            }
        }

        return best;
    }
}
