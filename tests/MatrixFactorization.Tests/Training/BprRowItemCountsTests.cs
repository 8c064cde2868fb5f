using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class BprRowItemCountsTests
{
    [Fact]
    public void Each_row_lists_its_items_once_with_how_many_interactions_it_has_with_each()
    {
        // Row 0 has interactions with items 4, 9 and 4; row 1 with 2, 2, 9 and 2; row 2 none.
        int[] items = [4, 9, 4, 2, 2, 9, 2];
        var counts = BprRowItemCounts.Of(items, [0, 3, 7, 7], itemCount: 10);
        Listed(counts, 0).Should().BeEquivalentTo([(4, 2), (9, 1)]);
        Listed(counts, 1).Should().BeEquivalentTo([(2, 3), (9, 1)]);
        Listed(counts, 2).Should().BeEmpty();
    }

    private static (int Item, int Count)[] Listed(BprRowItemCounts counts, int row) =>
        [.. counts.Items(row).ToArray().Zip(counts.Counts(row).ToArray())];
}
