using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class RowSorterTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(20, 1000)]
    [InlineData(47, 40_000)]
    [InlineData(48, 40_000)]
    [InlineData(112, 40_000)]
    [InlineData(112, 64)]
    [InlineData(500, 1 << 18)]
    [InlineData(500, (1 << 18) + 1)]
    [InlineData(3000, 1 << 30)]
    [InlineData(5000, 300)]
    [InlineData(1000, 1 << 16)]
    [InlineData(1000, (1 << 16) + 1)]
    [InlineData(70_000, 1 << 16)]
    [InlineData(16, 40_000)]
    [InlineData(255, 1 << 16)]
    [InlineData(256, 1 << 23)]
    [InlineData(256, 1 << 24)]
    [InlineData(512, 1 << 22)]
    [InlineData(513, 300)]
    public void Rows_come_out_by_item_with_repeats_in_row_order(int length, int span)
    {
        // Rows of every sort's lengths and spans (the sorting network takes rows of 16 to 512
        // and the narrow radix sort longer ones, both with keys of 32 bits, the radix sort items
        // within 2^16 of each other), with repeated items, offset from zero; the expected order
        // comes from a stable LINQ sort.
        var random = new Random(length ^ span);
        var sorter = new RowSorter();
        for (int trial = 0; trial < 20; trial++)
        {
            int offset = random.Next(1000);
            int[] items = [.. Enumerable.Range(0, length).Select(_ => offset + random.Next(span))];
            long[] expected = [.. items.Select((item, j) => ((long)item << 32) | (uint)j).OrderBy(k => k >> 32)];

            sorter.Sort(items).ToArray().Should().Equal(expected);
        }
    }

    [Theory]
    [InlineData((1 << 23) + 1, 1)]
    [InlineData((1 << 23) + 1, 2)]
    [InlineData((1 << 23) + 1, 256)]
    [InlineData((1 << 23) + 1, 257)]
    [InlineData(1 << 23, 256)]
    [InlineData(1 << 23, 512)]
    public void Rows_longer_than_the_narrow_keys_offsets_still_sort(int length, int span)
    {
        // Past 2^23 ratings a row's offsets take 24 bits, and the narrow keys' second digit
        // would start at bit 32: one user rating one item nine million times took that path.
        // A check of every property of a stable sort stands in for a reference sort of this size.
        var random = new Random(length ^ span);
        int[] items = new int[length];
        for (int j = 0; j < length; j++)
        {
            items[j] = 7 + random.Next(span);
        }

        ReadOnlySpan<long> sorted = new RowSorter().Sort(items);

        sorted.Length.Should().Be(length);
        bool[] seen = new bool[length];
        long previous = long.MinValue;
        for (int j = 0; j < length; j++)
        {
            long key = sorted[j];
            int offset = (int)(uint)key;
            if (key <= previous || seen[offset] || (int)(key >> 32) != items[offset])
            {
                Assert.Fail($"Key {j} of {length} ({key >> 32}, {offset}) is out of order, repeated or not the row's item.");
            }

            seen[offset] = true;
            previous = key;
        }
    }
}
