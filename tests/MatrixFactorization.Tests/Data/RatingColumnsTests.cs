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
        // Plain checks in the loop, one assertion at the end: assertions per rating are slow.
        var seen = new bool[store.Count];
        int problems = 0;
        for (int item = 0; item < store.ItemCount; item++)
        {
            ReadOnlySpan<int> users = columns.GetUsers(item);
            ReadOnlySpan<int> positions = columns.GetPositions(item);
            problems += users.Length == store.Statistics.ItemCounts[item] ? 0 : 1;
            for (int k = 0; k < users.Length; k++)
            {
                int p = positions[k];
                bool ok = !seen[p] && store[p].Item == item && store[p].User == users[k] && (k == 0 || users[k] > users[k - 1]);
                problems += ok ? 0 : 1;
                seen[p] = true;
            }
        }

        problems.Should().Be(0);
        seen.Should().NotContain(false);
        store.ByItem.Should().BeSameAs(columns);
        columns.SizeInBytes.Should().Be(((store.ItemCount + 1) + (2L * store.Count)) * sizeof(int));
    }
}
