using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;
using Xunit.Abstractions;

namespace MatrixFactorization.Tests.Recommendation;

public sealed class FoldInRetrainTests(ITestOutputHelper output)
{
    [Fact]
    public void Folding_in_held_out_users_predicts_close_to_retraining_with_them()
    {
        // Train once with every user and once without ten of them, then fold those ten into the
        // second model. Both fits run SGD well past convergence from different random starts, so
        // the factor spaces differ by a rotation; predictions do not, which is what is compared.
        RatingStore all = TestRatings.LowRank(users: 150, items: 80, density: 0.3, seed: 21);
        int[] heldOut = Enumerable.Range(0, 10).Select(k => k * 15).ToArray();
        int[] kept = Enumerable.Range(0, all.Count).Where(p => !heldOut.Contains(all.UserIndices[p])).ToArray();
        var options = new BiasedMatrixFactorizationOptions { FactorCount = 6, Epochs = 300, LearningRate = 0.01f, FactorRegularization = 0.05f, Threads = 1, Seed = 3 };
        BiasedMatrixFactorizationModel retrained = new BiasedMatrixFactorizationTrainer(options).Fit(all);
        BiasedMatrixFactorizationModel without = new BiasedMatrixFactorizationTrainer(options with { Seed = 4 }).Fit(all.Subset(kept));
        var solver = new FoldInSolver(without, options.ToFoldInOptions());

        double foldSquared = 0, coldSquared = 0;
        int n = 0;
        foreach (int u in heldOut)
        {
            without.IsKnownUser(u).Should().BeFalse();
            RatingRow row = all.GetUserRatings(u);
            FoldedInUser user = solver.FoldInUserByIndex(row.Items, row.Values);
            for (int i = 0; i < all.ItemCount; i++)
            {
                float target = retrained.WithClipping(false).PredictByIndex(u, i).Value;
                foldSquared += Math.Pow(user.Score(i) - target, 2);
                coldSquared += Math.Pow(without.GlobalMean + without.ItemBiases[i] - target, 2);
                n++;
            }
        }

        double foldRms = Math.Sqrt(foldSquared / n), coldRms = Math.Sqrt(coldSquared / n);
        output.WriteLine($"fold-in vs retrained RMS difference {foldRms:F4}; cold start vs retrained {coldRms:F4}");
        // Measured 0.018 against 0.73 for cold start. The gap is SGD's distance from its optimum
        // plus how much ten users' ratings move the item factors; 0.1 on a 0.5–5 scale leaves
        // room for that while still failing a wrong regularization scale or bias handling.
        foldRms.Should().BeLessThan(0.1);
        foldRms.Should().BeLessThan(coldRms / 10);
    }
}
