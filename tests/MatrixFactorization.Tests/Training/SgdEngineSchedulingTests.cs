using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class SgdEngineSchedulingTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Blocks_started_as_soon_as_their_row_and_column_are_free_give_the_one_thread_model(int threads)
    {
        // More threads than cores makes threads stall mid-block at random, so blocks finish in
        // every order; the result must still be the one-thread result, bit for bit.
        RatingStore store = TestRatings.LowRank(users: 400, items: 300, density: 0.3, seed: 12);
        (float[] p, float[] q, double[] losses) one = Train(store, threads: 1);
        for (int repeat = 0; repeat < 3; repeat++)
        {
            (float[] p, float[] q, double[] losses) many = Train(store, threads);
            many.losses.Should().Equal(one.losses);
            many.p.Should().Equal(one.p);
            many.q.Should().Equal(one.q);
        }
    }

    [Fact]
    public void A_cancelled_epoch_stops_every_thread_and_throws()
    {
        RatingStore store = TestRatings.LowRank(users: 400, items: 300, density: 0.3, seed: 12);
        using var engine = new SgdEngine<BiasedSgdRule>(NewState(store), BlockGrid.Build(store, 8, seed: 3, shuffle: false), threads: 3, seed: 3);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        FluentActions.Invoking(() => engine.RunEpoch(1, 0.01f, cancel.Token)).Should().Throw<OperationCanceledException>();

        // The engine is still usable afterwards: nothing is left half-claimed.
        engine.RunEpoch(1, 0.01f, CancellationToken.None).Should().BeGreaterThan(0);
    }

    private static (float[] P, float[] Q, double[] Losses) Train(RatingStore store, int threads)
    {
        SgdState state = NewState(store);
        using var engine = new SgdEngine<BiasedSgdRule>(state, BlockGrid.Build(store, 8, seed: 3, shuffle: false), threads, seed: 3);
        var losses = new double[4];
        for (int epoch = 1; epoch <= losses.Length; epoch++)
        {
            losses[epoch - 1] = engine.RunEpoch(epoch, 0.01f, CancellationToken.None);
        }

        return (state.P.PaddedStorage.ToArray(), state.Q.PaddedStorage.ToArray(), losses);
    }

    /// <summary>A biased state with seeded small random factors.</summary>
    internal static SgdState NewState(RatingStore store, int factors = 16)
    {
        var p = new FactorMatrix(store.UserCount, factors);
        var q = new FactorMatrix(store.ItemCount, factors);
        var rng = new Random(5);
        foreach (FactorMatrix m in new[] { p, q })
        {
            for (int r = 0; r < m.Rows; r++)
            {
                foreach (ref float x in m.Row(r))
                {
                    x = (float)(rng.NextDouble() * 0.1);
                }
            }
        }

        return new SgdState(p, q, new float[store.UserCount], new float[store.ItemCount], 3f, 0.05f, 0.05f, 0.02f, adaGrad: false);
    }
}
