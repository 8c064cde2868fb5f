using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Tests.Models;
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

        // Several windows of five epochs: an engine that allocated per epoch would show it in
        // every window, while the runtime's own one-off work on this thread (promoting a method
        // to optimized code, say) can land in one now and then.
        long allocated = long.MaxValue;
        int epoch = 2;
        for (int window = 0; window < 4; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int k = 0; k < 5; k++)
            {
                engine.RunEpoch(epoch++, 0.01f, CancellationToken.None);
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        allocated.Should().Be(0);
    }
}
