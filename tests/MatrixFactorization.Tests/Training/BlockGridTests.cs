using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class BlockGridTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_grid_is_the_same_whatever_the_number_of_threads_building_it(bool shuffle)
    {
        // 300 × 200 at 0.5 density: 30,000 ratings, enough for several parts per thread count.
        RatingStore store = TestRatings.LowRank(users: 300, items: 200, density: 0.5, seed: 4);
        BlockGrid one = BlockGrid.Build(store, 8, seed: 7, shuffle, threads: 1);
        foreach (int threads in new[] { 2, 3, 5 })
        {
            BlockGrid many = BlockGrid.Build(store, 8, seed: 7, shuffle, threads: threads);
            for (int b = 0; b < 64; b++)
            {
                Describe(many.Block(b)).Should().Equal(Describe(one.Block(b)), $"block {b} with {threads} threads");
            }
        }
    }

    [Fact]
    public void Every_rating_lands_in_exactly_one_block_and_blocks_keep_user_order_within_each_stream()
    {
        RatingStore store = TestRatings.LowRank(users: 300, items: 200, density: 0.5, seed: 5);
        BlockGrid grid = BlockGrid.Build(store, 4, seed: 3, shuffle: false, streams: 1, threads: 3);

        var seen = new List<(int, int, float)>();
        for (int b = 0; b < 16; b++)
        {
            (int User, int Item, float Value)[] block = Describe(grid.Block(b));
            block.Select(e => ((long)e.User << 32) | (uint)e.Item).Should().BeInAscendingOrder($"block {b} is in store order");
            seen.AddRange(block);
        }

        var expected = new List<(int, int, float)>();
        for (int u = 0; u < store.UserCount; u++)
        {
            RatingRow row = store.GetUserRatings(u);
            for (int k = 0; k < row.Items.Length; k++)
            {
                expected.Add((u, row.Items[k], row.Values[k]));
            }
        }

        // Both sorted the same way, then compared in order: a structural set comparison of 30,000
        // tuples would be quadratic.
        seen.Order().Should().Equal(expected.Order());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Blocks_stay_in_store_order_whatever_the_stream_count(int streams)
    {
        // The training loop deals the runs of a block itself; the grid only records how many.
        RatingStore store = TestRatings.LowRank(users: 300, items: 200, density: 0.5, seed: 6);
        BlockGrid plain = BlockGrid.Build(store, 16, seed: 2, shuffle: false, streams: 1, threads: 3);
        BlockGrid dealt = BlockGrid.Build(store, 16, seed: 2, shuffle: false, streams: streams, threads: 3);

        dealt.StreamCount.Should().Be(streams);
        for (int b = 0; b < 256; b++)
        {
            Describe(dealt.Block(b)).Should().Equal(Describe(plain.Block(b)), $"block {b}");
        }
    }

    [Fact]
    public void A_skipped_generator_continues_exactly_where_drawing_would_have_left_it()
    {
        SplitMix64 drawn = SplitMix64.For(42, 3, 0x1417);
        SplitMix64 skipped = drawn;
        for (int k = 0; k < 1000; k++)
        {
            drawn.NextUInt64();
        }

        skipped.Skip(1000);

        skipped.NextUInt64().Should().Be(drawn.NextUInt64());
    }

    private static (int User, int Item, float Value)[] Describe(ReadOnlySpan<TrainingEntry> block)
    {
        var result = new (int, int, float)[block.Length];
        for (int k = 0; k < block.Length; k++)
        {
            result[k] = (block[k].User, block[k].Item, block[k].Value);
        }

        return result;
    }
}
