using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;

namespace MatrixFactorization.Tests.Data.Splits;

/// <summary>Small stores with known shapes, and checks shared by the split tests.</summary>
internal static class SplitFixtures
{
    /// <summary>
    /// About 3,000 timestamped ratings: users with 1 to 60 ratings, skewed item popularity (so
    /// random splits make some items cold), and many ratings sharing a second.
    /// </summary>
    public static RatingStore Random(int seed = 7, bool timestamps = true)
    {
        var random = new Random(seed);
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < 150; u++)
        {
            int count = u % 10 == 0 ? 1 + (u % 3) : random.Next(3, 60);
            var seen = new HashSet<int>();
            while (seen.Count < count)
            {
                // Squaring a uniform number skews popularity toward low item ids.
                double x = random.NextDouble();
                seen.Add((int)(x * x * 400));
            }

            foreach (int item in seen)
            {
                long? time = timestamps ? 1_000_000 + (random.Next(0, 500) * 60L) : null;
                builder.Add(1000 + u, 5000 + item, random.Next(1, 11) / 2f, time);
            }
        }

        return builder.Build();
    }

    /// <summary>Every rating of a store as (user, item, value, time), sorted, for multiset comparison.</summary>
    public static List<(int User, int Item, float Value, long Time)> Rows(RatingStore store)
    {
        var rows = new List<(int, int, float, long)>(store.Count);
        for (int p = 0; p < store.Count; p++)
        {
            Rating r = store[p];
            rows.Add((r.User, r.Item, r.Value, store.HasTimestamps ? store.GetTimestamp(p) : 0));
        }

        rows.Sort();
        return rows;
    }

    /// <summary>Checks train and test are disjoint and together hold exactly the original ratings.</summary>
    public static void ShouldPartition(this RatingSplit split, RatingStore original)
    {
        split.Train.Users.Should().BeSameAs(original.Users);
        split.Test.Items.Should().BeSameAs(original.Items);
        var train = Rows(split.Train);
        var test = Rows(split.Test);
        train.Intersect(test).Should().BeEmpty();
        var union = train.Concat(test).ToList();
        union.Sort();
        union.Should().Equal(Rows(original));
        split.Report.TrainCount.Should().Be(split.Train.Count);
        split.Report.TestCount.Should().Be(split.Test.Count);
    }

    /// <summary>Test ratings whose user or item has no train rating, counted from scratch.</summary>
    public static (int Ratings, int Users, int Items) CountCold(RatingStore train, RatingStore test)
    {
        var trainUsers = train.UserIndices.ToArray().ToHashSet();
        var trainItems = train.ItemIndices.ToArray().ToHashSet();
        int ratings = 0;
        var users = new HashSet<int>();
        var items = new HashSet<int>();
        for (int p = 0; p < test.Count; p++)
        {
            Rating r = test[p];
            bool coldUser = !trainUsers.Contains(r.User), coldItem = !trainItems.Contains(r.Item);
            if (coldUser)
            {
                users.Add(r.User);
            }

            if (coldItem)
            {
                items.Add(r.Item);
            }

            ratings += coldUser || coldItem ? 1 : 0;
        }

        return (ratings, users.Count, items.Count);
    }
}
