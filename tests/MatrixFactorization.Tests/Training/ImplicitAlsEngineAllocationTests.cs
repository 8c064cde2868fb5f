using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Tests.Support;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public class ImplicitAlsEngineAllocationTests
{
    [Theory]
    [InlineData(ImplicitAlsSolver.ConjugateGradient, 64)]
    [InlineData(ImplicitAlsSolver.ConjugateGradient, 24)]
    [InlineData(ImplicitAlsSolver.Cholesky, 24)]
    public void Iterations_after_the_first_allocate_nothing(ImplicitAlsSolver solver, int factors)
    {
        // One thread: the caller solves every row, so its own allocation count covers the iteration.
        RatingStore store = TestRatings.LowRank(users: 300, items: 200, density: 0.3, seed: 9);
        var options = new ImplicitAlsOptions { FactorCount = factors, Solver = solver, Threads = 1, InteractionThreshold = 0f };
        using var engine = new ImplicitAlsEngine(store, TrainingDomain.From(store), options, options.ToObjective());
        engine.RunEpoch(1, 0f, CancellationToken.None);

        int epoch = 2;
        Allocations.FewestPerWindow(() =>
        {
            for (int k = 0; k < 3; k++)
            {
                engine.RunEpoch(epoch++, 0f, CancellationToken.None);
            }
        }).Should().Be(0);
    }
}
