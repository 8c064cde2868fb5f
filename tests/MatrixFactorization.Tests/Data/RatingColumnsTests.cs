using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class RatingColumnsTests
{
    [Fact]
    public void Column_view_holds_every_rating_once_with_users_ascending()
    {
        RatingStore store = RatingReader.Read(BundledData.Ratings).Store;

        RatingColumns columns = store.ByItem;

        columns.ItemOffsets.Length.Should().Be(store.ItemCount + 1);
        columns.ItemOffsets[store.ItemCount].Should().Be(store.Count);
        var seen = new bool[store.Count];
        for (int item = 0; item < store.ItemCount; item++)
        {
            ReadOnlySpan<int> users = columns.GetUsers(item);
            ReadOnlySpan<int> positions = columns.GetPositions(item);
            users.Length.Should().Be(store.Statistics.ItemCounts[item]);
            for (int k = 0; k < users.Length; k++)
            {
                int p = positions[k];
                seen[p].Should().BeFalse();
                seen[p] = true;
                store[p].Item.Should().Be(item);
                store[p].User.Should().Be(users[k]);
                if (k > 0)
                {
                    users[k].Should().BeGreaterThan(users[k - 1]);
                }
            }
        }

        seen.Should().AllBeEquivalentTo(true);
        store.ByItem.Should().BeSameAs(columns);
        columns.SizeInBytes.Should().Be(((store.ItemCount + 1) + (2L * store.Count)) * sizeof(int));
    }
}
