using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Tests.Support;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class SgdEngineAllocationTests
{
    [Theory]
    [InlineData(false, 64)]
    [InlineData(true, 64)]
    [InlineData(true, 24)]
    public void Epochs_after_the_first_allocate_nothing(bool biased, int factors)
    {
        // One thread: the caller runs every block, so its own allocation count covers the epoch
        // and tests running in parallel cannot disturb it.
        RatingStore store = TestRatings.LowRank(users: 300, items: 200, density: 0.3, seed: 9);
        var state = new SgdState(
            new FactorMatrix(store.UserCount, factors),
            new FactorMatrix(store.ItemCount, factors),
            new float[store.UserCount],
            new float[store.ItemCount],
            biased ? 3f : 0f,
            0.05f,
            0.05f,
            0.02f,
            adaGrad: false);
        BlockGrid grid = BlockGrid.Build(store, 8, seed: 1, shuffle: false);
        using IEpochRunner engine = biased
            ? new SgdEngine<BiasedSgdRule>(state, grid, threads: 1, seed: 1)
            : new SgdEngine<PlainSgdRule>(state, grid, threads: 1, seed: 1);
        engine.RunEpoch(1, 0.01f, CancellationToken.None);

        int epoch = 2;
        Allocations.FewestPerWindow(() =>
        {
            for (int k = 0; k < 5; k++)
            {
                engine.RunEpoch(epoch++, 0.01f, CancellationToken.None);
            }
        }).Should().Be(0);
    }
}
