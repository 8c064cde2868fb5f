using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class RowPresorterTests
{
    [Fact]
    public void Rows_without_repeats_are_sorted_with_their_values_and_rows_with_repeats_are_left_alone()
    {
        var random = new Random(2);
        var offsets = new List<int> { 0 };
        var items = new List<int>();
        var rowsWithRepeats = new HashSet<int>();
        for (int row = 0; row < 3000; row++)
        {
            int length = random.Next(0, 200);
            int[] rowItems = [.. Enumerable.Range(0, length).Select(_ => random.Next(5000))];
            if (rowItems.Distinct().Count() < length)
            {
                rowsWithRepeats.Add(row);
            }

            items.AddRange(rowItems);
            offsets.Add(items.Count);
        }

        int[] itemArray = [.. items];
        float[] values = [.. Enumerable.Range(0, items.Count).Select(k => (float)k)];
        uint[] times = [.. Enumerable.Range(0, items.Count).Select(k => (uint)(k * 3))];

        int left = RowPresorter.SortDistinctRows([.. offsets], itemArray, values, times, timeShift: 1, threads: 4);

        left.Should().Be(rowsWithRepeats.Count);

        for (int row = 0; row < offsets.Count - 1; row++)
        {
            int start = offsets[row], end = offsets[row + 1];
            var before = Enumerable.Range(start, end - start).Select(k => (items[k], (float)k, (uint)(k * 3))).ToList();
            var after = Enumerable.Range(start, end - start).Select(k => (itemArray[k], values[k], times[k])).ToList();
            if (rowsWithRepeats.Contains(row))
            {
                after.Should().Equal(before);
            }
            else
            {
                // Sorted rows have their timestamps shifted, as the arranger would shift them.
                after.Should().Equal(before.OrderBy(r => r.Item1).Select(r => (r.Item1, r.Item2, r.Item3 - 1)));
            }
        }

        rowsWithRepeats.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_store_large_enough_to_presort_keeps_the_last_of_each_repeated_pair_in_item_order(bool repeats)
    {
        var random = new Random(9);
        var builder = new RatingStoreBuilder(DuplicatePolicy.KeepLast);
        var expected = new Dictionary<(long User, long Item), (float, long)>();
        for (int k = 0; k < RowPresorter.MinimumRatings + 5000; k++)
        {
            // Without repeats the users come grouped and each row's items are distinct.
            long user = repeats ? (k / 100) + (random.Next(50) == 0 ? random.Next(100) : 0) : k / 100;
            long item = repeats ? random.Next(20_000) : (k % 100 * 200) + random.Next(200);
            float value = random.Next(1, 11) / 2f;

            // The first timestamp is not the earliest, so the stored offsets must be shifted.
            long time = 1_500_000_000 + random.Next(-1_000_000, 1_000_000);
            builder.Add(user, item, value, time);
            expected[(user, item)] = (value, time);
        }

        RatingStore store = builder.Build();

        store.ShouldBeWellFormed();
        store.Count.Should().Be(expected.Count);
        var actual = new Dictionary<(long User, long Item), (float, long)>();
        for (int p = 0; p < store.Count; p++)
        {
            Rating r = store[p];
            actual[(store.Users.GetInt64Id(r.User), store.Items.GetInt64Id(r.Item))] = (r.Value, store.GetTimestamp(p));
        }

        actual.Should().Equal(expected);
    }
}
