using System.Reflection;
using MatrixFactorization.Data;
using MatrixFactorization.Foundation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class BprSamplingTests
{
    // A block column of 40 items (slots 100 to 139) and four users covering 3, 12, 25 and all 40
    // of them: a short run, a long run under half the column, one over half, and one with nothing
    // left to draw.
    private const int First = 100;
    private static readonly int[] Column = Enumerable.Range(First, 40).ToArray();
    private static readonly int[] RunLengths = [3, 12, 25, 40];

    [Fact]
    public void Excluded_draws_are_never_the_users_items_and_are_uniform_over_the_rest()
    {
        InteractionPair[] pairs = Block(seed: 1);
        var draws = new NegativeDraws(Column.Length);
        var negatives = new int[pairs.Length];
        var counts = new Dictionary<(int User, int Item), int>();
        HashSet<int>[] chosen = [.. Enumerable.Range(0, RunLengths.Length).Select(u => pairs.Where(p => p.User == u).Select(p => p.Item).ToHashSet())];
        var column = Column.ToHashSet();
        int wrong = 0;
        const int Repeats = 3000;
        for (int repeat = 0; repeat < Repeats; repeat++)
        {
            BprBlocks.Fill(draws, pairs, First, Column.Length, excludePositives: true, SplitMix64.For(5, repeat), negatives);
            for (int k = 0; k < pairs.Length; k++)
            {
                int user = pairs[k].User;
                bool right = chosen[user].Count == Column.Length
                    ? negatives[k] == -1
                    : column.Contains(negatives[k]) && !chosen[user].Contains(negatives[k]);
                wrong += right ? 0 : 1;
                counts[(user, negatives[k])] = counts.GetValueOrDefault((user, negatives[k])) + 1;
            }
        }

        wrong.Should().Be(0, "a user with every item gets no negative, the others only items of the column they did not choose");
        for (int user = 0; user < 3; user++)
        {
            int free = Column.Length - RunLengths[user];
            int[] observed = counts.Where(c => c.Key.User == user).Select(c => c.Value).ToArray();
            observed.Should().HaveCount(free, "every item the user did not choose is drawn");
            ChiSquare(observed, (double)RunLengths[user] * Repeats / free).Should().BeLessThan(ChiSquareBound(free - 1), $"user {user}");
        }
    }

    [Fact]
    public void Uniform_draws_are_any_item_but_the_positive_each_as_likely()
    {
        InteractionPair[] pairs = Block(seed: 2);
        var draws = new NegativeDraws(Column.Length);
        var negatives = new int[pairs.Length];
        var counts = new Dictionary<int, int>();
        int positive = pairs[5].Item;
        int same = 0;
        const int Repeats = 20_000;
        for (int repeat = 0; repeat < Repeats; repeat++)
        {
            BprBlocks.Fill(draws, pairs, First, Column.Length, excludePositives: false, SplitMix64.For(6, repeat), negatives);
            for (int k = 0; k < pairs.Length; k++)
            {
                same += negatives[k] == pairs[k].Item ? 1 : 0;
            }

            counts[negatives[5]] = counts.GetValueOrDefault(negatives[5]) + 1;
        }

        same.Should().Be(0);
        counts.Keys.Should().BeEquivalentTo(Column.Where(i => i != positive));
        ChiSquare([.. counts.Values], (double)Repeats / (Column.Length - 1)).Should().BeLessThan(ChiSquareBound(Column.Length - 2));
    }

    [Fact]
    public void A_column_of_one_item_has_no_negative_for_it()
    {
        var draws = new NegativeDraws(1);
        var negatives = new int[2];
        BprBlocks.Fill(draws, [new InteractionPair(0, 7), new InteractionPair(1, 7)], 7, 1, excludePositives: false, new SplitMix64(1), negatives);
        negatives.Should().Equal(-1, -1);
        BprBlocks.Fill(draws, [new InteractionPair(0, 7), new InteractionPair(1, 7)], 7, 1, excludePositives: true, new SplitMix64(1), negatives);
        negatives.Should().Equal(-1, -1);
    }

    [Fact]
    public void The_same_generator_draws_the_same_negatives()
    {
        InteractionPair[] pairs = Block(seed: 3);
        var first = new int[pairs.Length];
        var second = new int[pairs.Length];
        BprBlocks.Fill(new NegativeDraws(Column.Length), pairs, First, Column.Length, true, SplitMix64.For(9, 1), first);
        BprBlocks.Fill(new NegativeDraws(Column.Length), pairs, First, Column.Length, true, SplitMix64.For(9, 1), second);
        second.Should().Equal(first);
    }

    [Fact]
    public void Drawing_eight_at_once_gives_the_negatives_of_drawing_one_by_one()
    {
        // Runs of 9 to 490 items in a column of 1,000 slots from 5,000: every run is stamped and
        // drawn against, many draws hit a stamped slot (up to 49% of them), so the eight-at-once
        // path falls back to one by one at every position of its eight lanes.
        InteractionPair[] pairs = Runs(seed: 11, users: 60, shortest: 9, longest: 490);
        Drawn(new NegativeDraws(Count), pairs, SplitMix64.For(3, 4)).Should().Equal(DrawnByTheRule(pairs, SplitMix64.For(3, 4)));
    }

    [Fact]
    public void Short_runs_and_a_run_at_the_block_end_draw_by_the_rule_too()
    {
        InteractionPair[] pairs = Runs(seed: 12, users: 200, shortest: 1, longest: 8);
        Drawn(new NegativeDraws(Count), pairs, SplitMix64.For(3, 5)).Should().Equal(DrawnByTheRule(pairs, SplitMix64.For(3, 5)));
    }

    [Fact]
    public void Stamps_that_run_out_start_over_without_changing_a_draw()
    {
        InteractionPair[] pairs = Runs(seed: 13, users: 40, shortest: 1, longest: 600);
        int[] expected = Drawn(new NegativeDraws(Count), pairs, SplitMix64.For(3, 6));

        // A sampler whose stamps run out a few runs into the block: the table is cleared and
        // numbered afresh, and the slots stamped before must not look stamped after.
        var draws = new NegativeDraws(Count);
        Drawn(draws, pairs, SplitMix64.For(3, 6));
        typeof(NegativeDraws).GetField("_run", BindingFlags.NonPublic | BindingFlags.Instance)!.SetValue(draws, int.MaxValue - 5);
        Drawn(draws, pairs, SplitMix64.For(3, 6)).Should().Equal(expected);
    }

    private const int Start = 5000, Count = 1000;

    /// <summary>The negatives <paramref name="draws"/> gives the block <paramref name="pairs"/> of the column [Start, Start + Count), excluding each user's items.</summary>
    private static int[] Drawn(NegativeDraws draws, InteractionPair[] pairs, SplitMix64 rng)
    {
        var negatives = new int[pairs.Length];
        BprBlocks.Fill(draws, pairs, Start, Count, excludePositives: true, rng, negatives);
        return negatives;
    }

    /// <summary>Users with runs of <paramref name="shortest"/> to <paramref name="longest"/> distinct slots of [Start, Start + Count), each ascending.</summary>
    private static InteractionPair[] Runs(int seed, int users, int shortest, int longest)
    {
        var rng = new Random(seed);
        var pairs = new List<InteractionPair>();
        for (int user = 0; user < users; user++)
        {
            int length = shortest + rng.Next(longest - shortest + 1);
            pairs.AddRange(Enumerable.Range(Start, Count).OrderBy(_ => rng.Next()).Take(length).Order().Select(slot => new InteractionPair(user, slot)));
        }

        return [.. pairs];
    }

    /// <summary>The rule written out: for each triple, draw a slot of the column until the user has not chosen it, or among the rest when they chose half or more.</summary>
    private static int[] DrawnByTheRule(InteractionPair[] pairs, SplitMix64 generator)
    {
        var expected = new int[pairs.Length];
        for (int k = 0; k < pairs.Length; k++)
        {
            var chosen = pairs.Where(p => p.User == pairs[k].User).Select(p => p.Item).ToHashSet();
            if (2 * chosen.Count >= Count)
            {
                int[] rest = [.. Enumerable.Range(Start, Count).Where(slot => !chosen.Contains(slot))];
                expected[k] = rest[generator.NextInt(rest.Length)];
                continue;
            }

            int drawn;
            do
            {
                drawn = Start + generator.NextInt(Count);
            }
            while (chosen.Contains(drawn));

            expected[k] = drawn;
        }

        return expected;
    }

    [Fact]
    public void Each_epoch_arranges_every_interaction_into_the_block_of_its_user_row_and_item_column()
    {
        RatingStore store = TestRatings.LowRank(users: 90, items: 70, density: 0.3, seed: 8);
        const int Size = 5;
        BprGrid grid = BprGrid.Build(store, Size, seed: 4);
        var rowOfUser = new Dictionary<int, int>();
        int[]? previousColumns = null;
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            grid.Arrange(epoch);
            for (int r = Size - 1; r >= 0; r--)
            {
                grid.ArrangeRow(r);
            }

            var columnOf = new Dictionary<int, int>();
            int nextSlot = 0;
            for (int c = 0; c < Size; c++)
            {
                grid.ColumnStart(c).Should().Be(nextSlot, "the columns' slots follow one another");
                int[] items = grid.SlotItems.Slice(grid.ColumnStart(c), grid.ColumnLength(c)).ToArray();
                items.Should().BeInAscendingOrder();
                for (int k = 0; k < items.Length; k++)
                {
                    columnOf.Add(items[k], c);
                    grid.ItemSlot(items[k]).Should().Be(nextSlot + k);
                }

                nextSlot += items.Length;
            }

            columnOf.Keys.Should().BeEquivalentTo(Enumerable.Range(0, store.ItemCount).Where(i => store.Statistics.ItemCounts[i] > 0));
            var seen = new List<(int, int)>();
            for (int r = 0; r < Size; r++)
            {
                for (int c = 0; c < Size; c++)
                {
                    InteractionPair[] block = grid.Block((r * Size) + c).ToArray();
                    block.Select(p => ((long)p.User << 32) | (uint)p.Item).Should().BeInAscendingOrder("a block keeps the store's order, and slots ascend with items within a column");
                    foreach (InteractionPair pair in block)
                    {
                        int item = grid.SlotItems[pair.Item];
                        columnOf[item].Should().Be(c);
                        rowOfUser.GetValueOrDefault(pair.User, r).Should().Be(r, "a user's row never changes");
                        rowOfUser[pair.User] = r;
                        seen.Add((pair.User, item));
                    }
                }
            }

            seen.Order().Should().Equal(Enumerable.Range(0, store.Count).Select(k => (store.UserIndices[k], store.ItemIndices[k])).Order(), "each interaction is in exactly one block");
            int[] columns = Enumerable.Range(0, store.ItemCount).Select(i => columnOf.GetValueOrDefault(i, -1)).ToArray();
            if (previousColumns is not null)
            {
                columns.Should().NotEqual(previousColumns, "the columns are drawn anew each epoch");
            }

            previousColumns = columns;
        }
    }

    /// <summary>Users 0–3 with runs of <see cref="RunLengths"/> slots drawn at random from <see cref="Column"/>.</summary>
    private static InteractionPair[] Block(int seed)
    {
        var rng = new Random(seed);
        var pairs = new List<InteractionPair>();
        for (int user = 0; user < RunLengths.Length; user++)
        {
            foreach (int item in Column.OrderBy(_ => rng.Next()).Take(RunLengths[user]).Order())
            {
                pairs.Add(new InteractionPair(user, item));
            }
        }

        return [.. pairs];
    }

    private static double ChiSquare(int[] observed, double expected) => observed.Sum(o => (o - expected) * (o - expected) / expected);

    // Mean plus six standard deviations of the χ² distribution: far beyond chance for fixed seeds,
    // far below what a draw that favoured some items would give.
    private static double ChiSquareBound(int degrees) => degrees + (6 * Math.Sqrt(2.0 * degrees));
}
