using System.Runtime.InteropServices;

namespace MatrixFactorization.Data.Splits;

/// <summary>Turns a choice of test positions into train and test stores, applying the cold-start policy.</summary>
internal static class SplitAssembler
{
    public static RatingSplit Assemble(RatingStore store, ReadOnlySpan<bool> isTest, ColdStartPolicy policy, int usersBelowMinimum = 0)
    {
        ReadOnlySpan<int> users = store.UserIndices;
        ReadOnlySpan<int> items = store.ItemIndices;
        var trainPerUser = new int[store.UserCount];
        var trainPerItem = new int[store.ItemCount];
        int trainCount = 0;
        for (int p = 0; p < isTest.Length; p++)
        {
            if (!isTest[p])
            {
                trainPerUser[users[p]]++;
                trainPerItem[items[p]]++;
                trainCount++;
            }
        }

        var train = new int[trainCount];
        var test = new List<int>(isTest.Length - trainCount);
        var coldUser = new bool[store.UserCount];
        var coldItem = new bool[store.ItemCount];
        int coldRatings = 0, coldUsers = 0, coldItems = 0;
        int t = 0;
        for (int p = 0; p < isTest.Length; p++)
        {
            if (!isTest[p])
            {
                train[t++] = p;
                continue;
            }

            int u = users[p], i = items[p];
            bool userIsCold = trainPerUser[u] == 0;
            bool itemIsCold = trainPerItem[i] == 0;
            if (userIsCold && !coldUser[u])
            {
                coldUser[u] = true;
                coldUsers++;
            }

            if (itemIsCold && !coldItem[i])
            {
                coldItem[i] = true;
                coldItems++;
            }

            if (userIsCold || itemIsCold)
            {
                coldRatings++;
                if (policy == ColdStartPolicy.Drop)
                {
                    continue;
                }
            }

            test.Add(p);
        }

        var report = new SplitReport(train.Length, test.Count, policy, coldRatings, coldUsers, coldItems, usersBelowMinimum);
        return new RatingSplit(store.Subset(train), store.Subset(CollectionsMarshal.AsSpan(test)), report);
    }
}
