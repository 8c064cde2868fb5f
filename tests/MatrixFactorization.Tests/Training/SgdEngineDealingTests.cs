using MatrixFactorization.Data;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class SgdEngineDealingTests
{
    [Theory]
    [InlineData(2, 16, 4)]
    [InlineData(4, 16, 4)]
    [InlineData(7, 16, 4)]
    [InlineData(4, 64, 4)]
    [InlineData(4, 64, 16)]
    [InlineData(7, 128, 16)]
    [InlineData(4, 16, 16)]
    [InlineData(64, 16, 16)]
    public void A_block_is_trained_in_the_order_of_its_runs_dealt_round_robin(int streams, int factors, int gridSize)
    {
        // Grids of 4 × 4 give blocks of about 1,900 ratings, long enough for the prefetching
        // loop; 16 × 16 give about 117, which leave short last runs, and at k = 16 (which
        // prefetches furthest ahead) runs too short for the prefetching loop at all. With 64
        // streams about half the blocks have fewer than two ratings per run and are not dealt.
        // k = 16 takes the loop for any row width, 64 and 128 the ones compiled for theirs.
        RatingStore store = TestRatings.LowRank(users: 300, items: 200, density: 0.5, seed: 6);
        BlockGrid grid = BlockGrid.Build(store, gridSize, seed: 2, shuffle: false, streams: streams, threads: 2);
        BlockGrid byHand = DealtByHand(grid, streams);

        (float[] P, float[] Q, double[] Losses) engine = Train(store, grid, factors);
        (float[] P, float[] Q, double[] Losses) reference = Train(store, byHand, factors);

        engine.Losses.Should().Equal(reference.Losses);
        engine.P.Should().Equal(reference.P);
        engine.Q.Should().Equal(reference.Q);
    }

    // The same blocks with each one rearranged into its dealt order and marked as a single run,
    // so the engine walks it straight through.
    private static BlockGrid DealtByHand(BlockGrid grid, int streams)
    {
        int blocks = grid.Size * grid.Size;
        var entries = new TrainingEntry[grid.Count];
        var offsets = new int[blocks + 1];
        int w = 0;
        for (int b = 0; b < blocks; b++)
        {
            offsets[b] = w;
            ReadOnlySpan<TrainingEntry> block = grid.Block(b);
            int n = block.Length;
            if (n < 2 * streams)
            {
                block.CopyTo(entries.AsSpan(w));
                w += n;
                continue;
            }

            int run = (n + streams - 1) / streams;
            for (int round = 0; round < run; round++)
            {
                for (int s = 0; s < streams; s++)
                {
                    if ((s * run) + round < n)
                    {
                        entries[w++] = block[(s * run) + round];
                    }
                }
            }
        }

        offsets[blocks] = w;
        return new BlockGrid(grid.Size, entries, offsets, streamCount: 1);
    }

    private static (float[] P, float[] Q, double[] Losses) Train(RatingStore store, BlockGrid grid, int factors)
    {
        SgdState state = SgdEngineSchedulingTests.NewState(store, factors);
        using var engine = new SgdEngine<BiasedSgdRule>(state, grid, threads: 1, seed: 3);
        var losses = new double[3];
        for (int epoch = 1; epoch <= losses.Length; epoch++)
        {
            losses[epoch - 1] = engine.RunEpoch(epoch, 0.01f, CancellationToken.None);
        }

        return (state.P.PaddedStorage.ToArray(), state.Q.PaddedStorage.ToArray(), losses);
    }
}
