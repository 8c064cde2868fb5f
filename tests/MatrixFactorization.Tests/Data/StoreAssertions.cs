using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

/// <summary>Views of a store by raw ids, so tests can compare stores whose dense ids differ.</summary>
internal static class StoreAssertions
{
    public static List<(string User, string Item, float Value, long? Time)> RawRatings(this RatingStore store)
    {
        var list = new List<(string, string, float, long?)>(store.Count);
        for (int p = 0; p < store.Count; p++)
        {
            Rating r = store[p];
            list.Add((store.Users.GetId(r.User), store.Items.GetId(r.Item), r.Value, store.HasTimestamps ? store.GetTimestamp(p) : null));
        }

        return list;
    }

    public static List<(string User, string Item, float Value, long? Time)> SortedRawRatings(this RatingStore store) =>
        [.. store.RawRatings().OrderBy(r => r.User, StringComparer.Ordinal).ThenBy(r => r.Item, StringComparer.Ordinal)];

    /// <summary>Checks the CSR invariants: offsets, users per row, items strictly ascending within a row.</summary>
    public static void ShouldBeWellFormed(this RatingStore store)
    {
        store.UserOffsets.Length.Should().Be(store.UserCount + 1);
        store.UserOffsets[0].Should().Be(0);
        store.UserOffsets[store.UserCount].Should().Be(store.Count);
        for (int u = 0; u < store.UserCount; u++)
        {
            RatingRow row = store.GetUserRatings(u);
            for (int k = 0; k < row.Length; k++)
            {
                store.UserIndices[row.Start + k].Should().Be(u);
                if (k > 0)
                {
                    row.Items[k].Should().BeGreaterThan(row.Items[k - 1]);
                }
            }
        }
    }
}
