using MathNet.Numerics.LinearAlgebra.Double;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Tests.Support;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class SvdPlusPlusTrainerTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 200, items: 90, density: 0.25, seed: 12);

    [Fact]
    public void The_same_seed_gives_the_same_model_for_one_two_and_three_threads_and_another_seed_another()
    {
        float[][] Parameters(int threads, ulong seed)
        {
            SvdPlusPlusModel model = new SvdPlusPlusTrainer(new SvdPlusPlusOptions { Threads = threads, Seed = seed, FactorCount = 12, Epochs = 5 }).Fit(Data);
            return [Enumerable.Range(0, model.Users.Count).SelectMany(u => model.UserFactors.GetRow(u).ToArray()).ToArray(),
                Enumerable.Range(0, model.Items.Count).SelectMany(i => model.ItemFactors.GetRow(i).ToArray()).ToArray(),
                Enumerable.Range(0, model.Items.Count).SelectMany(i => model.ImplicitFactors.GetRow(i).ToArray()).ToArray(),
                model.UserBiases.ToArray(), model.ItemBiases.ToArray()];
        }

        float[][] one = Parameters(1, 42);
        foreach (int threads in new[] { 1, 2, 3 })
        {
            float[][] other = Parameters(threads, 42);
            for (int part = 0; part < one.Length; part++)
            {
                other[part].Should().Equal(one[part], $"{threads} threads, part {part}");
            }
        }

        Parameters(1, 43)[1].Should().NotEqual(one[1]);
    }

    [Fact]
    public void The_implicit_part_of_a_set_of_items_is_their_implicit_factors_summed_and_scaled_by_one_over_root_count()
    {
        SvdPlusPlusModel model = new SvdPlusPlusTrainer(new SvdPlusPlusOptions { FactorCount = 4, Epochs = 10 }).Fit(Data);
        const int User = 7;
        int[] items = Data.ItemIndices[Data.UserOffsets[User]..Data.UserOffsets[User + 1]].ToArray();
        var z = new double[model.FactorCount];
        foreach (int j in items)
        {
            for (int f = 0; f < z.Length; f++)
            {
                z[f] += model.ImplicitFactors.GetRow(j)[f] / Math.Sqrt(items.Length);
            }
        }

        var part = new float[model.FactorCount];
        model.ImplicitPart(items, part);
        for (int f = 0; f < z.Length; f++)
        {
            ((double)part[f]).Should().BeApproximately(z[f], 1e-5);
        }
    }

    [Fact]
    public void A_folded_in_user_is_the_ridge_fit_of_what_the_implicit_part_leaves_and_the_explanation_adds_up()
    {
        var options = new SvdPlusPlusOptions { FactorCount = 5, Epochs = 15, FactorRegularization = 0.05f, BiasRegularization = 0.03f };
        SvdPlusPlusModel model = new SvdPlusPlusTrainer(options).Fit(Data);
        int[] items = [3, 11, 25, 40, 61, 70];
        float[] ratings = [5f, 1f, 4f, 2.5f, 3f, 4.5f];
        FoldedInUser user = new FoldInSolver(model, options.ToFoldInOptions()).FoldInUserByIndex(items, ratings);

        int k = model.FactorCount, n = items.Length;
        var z = new double[k];
        foreach (int j in items)
        {
            for (int f = 0; f < k; f++)
            {
                z[f] += model.ImplicitFactors.GetRow(j)[f] / Math.Sqrt(n);
            }
        }

        var a = DenseMatrix.Create(n, k + 1, (r, f) => f < k ? model.ItemFactors.GetRow(items[r])[f] : 1.0);
        var t = DenseVector.Create(n, r =>
            ratings[r] - model.GlobalMean - model.ItemBiases[items[r]] - Enumerable.Range(0, k).Sum(f => model.ItemFactors.GetRow(items[r])[f] * z[f]));
        var penalty = DenseMatrix.CreateDiagonal(k + 1, k + 1, f => (f < k ? 0.05 : 0.03) * n);
        var x = (a.TransposeThisAndMultiply(a) + penalty).Solve(a.TransposeThisAndMultiply(t));

        for (int f = 0; f < k; f++)
        {
            ((double)user.Vector[f]).Should().BeApproximately(x[f] + z[f], 1e-4, $"factor {f}");
        }

        ((double)user.Bias).Should().BeApproximately(x[k], 1e-4);
        Explanation why = user.ExplainByIndex(50);
        (why.Baseline + why.Contributions.Sum(c => c.Contribution)).Should().BeApproximately(why.Score, 1e-3);
        why.Baseline.Should().BeApproximately(model.GlobalMean + model.ItemBiases[50], 1e-5);
    }

    [Fact]
    public void A_planted_biased_rank_2_model_is_recovered_on_held_out_cells()
    {
        // A biased model is SVD++ with y = 0. Noise-free ratings from μ + b_u + b_i + p·q, half the
        // cells observed: held-out cells must come back within 0.1 (about 3% of their range of
        // roughly 3.5 stars), where predicting the mean misses by several times that.
        var rng = new Random(5);
        const int Users = 80, Items = 50;
        double[] bu = Enumerable.Range(0, Users).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] bi = Enumerable.Range(0, Items).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[][] p = Enumerable.Range(0, Users).Select(_ => new[] { rng.NextDouble() - 0.5, rng.NextDouble() - 0.5 }).ToArray();
        double[][] q = Enumerable.Range(0, Items).Select(_ => new[] { 2 * (rng.NextDouble() - 0.5), 2 * (rng.NextDouble() - 0.5) }).ToArray();
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < Users; u++)
        {
            for (int i = 0; i < Items; i++)
            {
                if (rng.NextDouble() < 0.5)
                {
                    builder.Add(u, i, (float)(3 + bu[u] + bi[i] + (p[u][0] * q[i][0]) + (p[u][1] * q[i][1])));
                }
            }
        }

        (RatingStore train, RatingStore test) = TestRatings.Split(builder.Build(), 0.2, seed: 3);
        SvdPlusPlusModel model = new SvdPlusPlusTrainer(new SvdPlusPlusOptions
        {
            FactorCount = 2,
            Epochs = 300,
            LearningRate = 0.01f,
            FactorRegularization = 0.001f,
            BiasRegularization = 0.001f,
            ImplicitRegularization = 0.05f,
            ClipPredictions = false,
        }).Fit(train);

        double meanRmse = Math.Sqrt(test.Values.ToArray().Select(v => Math.Pow(v - model.GlobalMean, 2)).Average());
        meanRmse.Should().BeGreaterThan(0.3);
        TestRatings.Rmse(model, test).Should().BeLessThan(0.1);
    }

    [Fact]
    public void A_learning_rate_that_overshoots_ends_training_as_diverged()
    {
        FluentActions.Invoking(() => new SvdPlusPlusTrainer(new SvdPlusPlusOptions { FactorCount = 8, Epochs = 20, LearningRate = 5f }).Fit(Data))
            .Should().Throw<TrainingDivergedException>();
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        FluentActions.Invoking(() => new SvdPlusPlusTrainer(new SvdPlusPlusOptions { FactorCount = 4 }).Fit(Data, cancellationToken: cancel.Token))
            .Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Epochs_after_the_first_allocate_nothing()
    {
        // One thread: the caller recomputes every combined row, so its own count covers the epoch.
        var options = new SvdPlusPlusOptions { FactorCount = 24, Threads = 1 };
        using var engine = new SvdPlusPlusEngine(Data, TrainingDomain.From(Data), options);
        engine.RunEpoch(1, 0.005f, CancellationToken.None);
        int epoch = 2;
        Allocations.FewestPerWindow(() =>
        {
            for (int k = 0; k < 3; k++)
            {
                engine.RunEpoch(epoch++, 0.005f, CancellationToken.None);
            }
        }).Should().Be(0);
    }

    [Fact]
    public void The_training_loss_falls_and_the_options_reject_bad_values()
    {
        var reports = new List<EpochReport>();
        new SvdPlusPlusTrainer(new SvdPlusPlusOptions { FactorCount = 8, Epochs = 6 }).Fit(Data, progress: new Collect(reports));
        reports.Should().HaveCount(6);
        reports[^1].TrainingLoss.Should().BeLessThan(reports[0].TrainingLoss);

        FluentActions.Invoking(() => new SvdPlusPlusOptions { ImplicitRegularization = -1f }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*ImplicitRegularization*");
        FluentActions.Invoking(() => new SvdPlusPlusOptions { FactorCount = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*FactorCount*");
    }

    private sealed class Collect(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }
}
