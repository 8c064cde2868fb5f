using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class BprRowItemCountsTests
{
    [Fact]
    public void Each_row_lists_its_items_once_with_how_many_interactions_it_has_with_each()
    {
        InteractionPair[] pairs =
        [
            new(0, 4), new(0, 9), new(3, 4), // row 0
            new(1, 2), new(5, 2), new(5, 9), new(6, 2), // row 1
        ];

        // Row 2 is empty.
        var counts = BprRowItemCounts.Of(pairs, [0, 3, 7, 7], itemCount: 10);
        Listed(counts, 0).Should().BeEquivalentTo([(4, 2), (9, 1)]);
        Listed(counts, 1).Should().BeEquivalentTo([(2, 3), (9, 1)]);
        Listed(counts, 2).Should().BeEmpty();
    }

    private static (int Item, int Count)[] Listed(BprRowItemCounts counts, int row) =>
        [.. counts.Items(row).ToArray().Zip(counts.Counts(row).ToArray())];
}
