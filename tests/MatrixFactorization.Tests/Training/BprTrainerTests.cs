using System.Runtime.InteropServices;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class BprTrainerTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 150, items: 90, density: 0.3, seed: 3);

    // k = 5 takes the loop over padded rows of any stride, k = 64 (on the 512- or 256-bit path) the
    // kernel that holds the rows in registers, k = 256 the loop compiled for the default stride;
    // all must step as the gradient says.
    [Theory]
    [InlineData(5)]
    [InlineData(64)]
    [InlineData(256)]
    public void One_step_is_gradient_descent_on_the_regularized_BPR_loss_by_finite_differences(int k)
    {
        const float LearningRate = 0.1f, Regularization = 0.05f, BiasRegularization = 0.03f;
        var p = new FactorMatrix(1, k);
        var q = new FactorMatrix(2, k);
        float[] biases = [0.3f, -0.2f];
        var rng = new Random(k);
        for (int f = 0; f < k; f++)
        {
            p.Row(0)[f] = (float)(rng.NextDouble() - 0.5);
            q.Row(0)[f] = (float)(rng.NextDouble() - 0.5);
            q.Row(1)[f] = (float)(rng.NextDouble() - 0.5);
        }

        // θ = (p, q_i, q_j, b_i, b_j) in double, before the step.
        double[] theta = [.. p.Row(0).ToArray().Select(v => (double)v), .. q.Row(0).ToArray().Select(v => (double)v), .. q.Row(1).ToArray().Select(v => (double)v), biases[0], biases[1]];
        double Loss(double[] t)
        {
            double x = t[3 * k] - t[(3 * k) + 1];
            double norms = 0;
            for (int f = 0; f < k; f++)
            {
                x += t[f] * (t[k + f] - t[(2 * k) + f]);
                norms += (t[f] * t[f]) + (t[k + f] * t[k + f]) + (t[(2 * k) + f] * t[(2 * k) + f]);
            }

            double biasNorms = (t[3 * k] * t[3 * k]) + (t[(3 * k) + 1] * t[(3 * k) + 1]);
            return Math.Log(1 + Math.Exp(-x)) + (0.5 * Regularization * norms) + (0.5 * BiasRegularization * biasNorms);
        }

        var state = new BprState(p, q, biases);
        var context = new BprContext(state, LearningRate, Regularization, BiasRegularization);
        int[] slot = [1];
        BprBlocks.Step(in context, [new InteractionPair(0, 0)], slot);

        double[] after = [.. p.Row(0).ToArray().Select(v => (double)v), .. q.Row(0).ToArray().Select(v => (double)v), .. q.Row(1).ToArray().Select(v => (double)v), biases[0], biases[1]];
        const double H = 1e-6;
        for (int c = 0; c < theta.Length; c++)
        {
            double[] plus = [.. theta], minus = [.. theta];
            plus[c] += H;
            minus[c] -= H;
            double gradient = (Loss(plus) - Loss(minus)) / (2 * H);
            double applied = (after[c] - theta[c]) / -LearningRate;
            applied.Should().BeApproximately(gradient, 1e-5 + (1e-4 * Math.Abs(gradient)), $"coordinate {c} of {theta.Length}");
        }

        // The step leaves its score difference, before the step, where its negative was.
        double xBefore = theta[3 * k] - theta[(3 * k) + 1];
        for (int f = 0; f < k; f++)
        {
            xBefore += theta[f] * (theta[k + f] - theta[(2 * k) + f]);
        }

        ((double)BitConverter.Int32BitsToSingle(slot[0])).Should().BeApproximately(xBefore, 1e-5);
        BprLoss.Sum(MemoryMarshal.Cast<int, float>(slot.AsSpan())).Should().BeApproximately(Math.Log(1 + Math.Exp(-xBefore)), 1e-5);
    }

    [Fact]
    public void A_triple_without_a_negative_changes_nothing_and_costs_no_loss()
    {
        var p = new FactorMatrix(1, 4);
        var q = new FactorMatrix(1, 4);
        p.Row(0).Fill(0.5f);
        q.Row(0).Fill(0.25f);
        var context = new BprContext(new BprState(p, q, [0.5f]), 0.1f, 0.1f, 0.1f);
        int[] slot = [-1];
        BprBlocks.Step(in context, [new InteractionPair(0, 0)], slot);
        p.Row(0).ToArray().Should().OnlyContain(v => v == 0.5f);
        q.Row(0).ToArray().Should().OnlyContain(v => v == 0.25f);
        BprLoss.Sum(MemoryMarshal.Cast<int, float>(slot.AsSpan())).Should().Be(0);
    }

    [Theory]
    [InlineData(NegativeSampling.ExcludePositives, true)]
    [InlineData(NegativeSampling.Uniform, false)]
    public void One_two_and_three_threads_give_the_same_parameters_and_losses(NegativeSampling sampling, bool itemBias)
    {
        var options = new BprOptions { FactorCount = 12, Epochs = 6, GridSize = 6, NegativeSampling = sampling, ItemBias = itemBias, Seed = 11 };
        (BprModel one, double[] lossOne) = Fit(options with { Threads = 1 });
        foreach (int threads in new[] { 2, 3 })
        {
            (BprModel other, double[] loss) = Fit(options with { Threads = threads });
            other.UserFactors.PaddedStorage.ToArray().Should().Equal(one.UserFactors.PaddedStorage.ToArray(), $"{threads} threads");
            other.ItemFactors.PaddedStorage.ToArray().Should().Equal(one.ItemFactors.PaddedStorage.ToArray());
            other.ItemBiases.ToArray().Should().Equal(one.ItemBiases.ToArray());
            loss.Should().Equal(lossOne);
        }

        (BprModel reseeded, _) = Fit(options with { Seed = 12 });
        reseeded.ItemFactors.PaddedStorage.ToArray().Should().NotEqual(one.ItemFactors.PaddedStorage.ToArray());
    }

    [Fact]
    public void The_reported_loss_starts_near_chance_and_falls()
    {
        var reports = new List<EpochReport>();
        new BprTrainer(new BprOptions { FactorCount = 16, Epochs = 40, Threads = 2 }).Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));

        // √(ln 2) ≈ 0.83 is the loss of a model that cannot tell a chosen item from another.
        reports[0].TrainingLoss.Should().BeInRange(0.7, 0.84);
        reports[^1].TrainingLoss.Should().BeLessThan(reports[0].TrainingLoss - 0.1);
    }

    [Fact]
    public void Every_epoch_is_reported_with_the_validation_ndcg_of_the_model_as_it_then_was()
    {
        (RatingStore train, RatingStore validation) = TestRatings.Split(Data, 0.2, seed: 6);
        var reports = new List<EpochReport>();
        BprModel model = new BprTrainer(new BprOptions { FactorCount = 8, Epochs = 4, Threads = 2 })
            .Fit(train, validation, new SynchronousProgress<EpochReport>(reports.Add));
        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3, 4);
        reports.Should().OnlyContain(r => r.ValidationMetric == Metric.Ndcg && double.IsFinite(r.TrainingLoss) && r.UpdatesPerSecond > 0);

        // The loop scores the lists without the user's interactions (the ratings of 4 and up it trained on).
        RatingStore interactions = train.Subset(Enumerable.Range(0, train.Count).Where(k => train.Values[k] >= 4).ToArray());
        double expected = RankingMetrics.Evaluate(new Recommender(model, interactions), validation).Ndcg;
        reports[^1].ValidationScore!.Value.Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void Only_ratings_of_at_least_the_minimum_are_interactions()
    {
        BprModel model = new BprTrainer(new BprOptions { FactorCount = 4, Epochs = 2, MinimumRating = 4.5f }).Fit(Data);
        var high = new HashSet<int>();
        var highItems = new HashSet<int>();
        for (int k = 0; k < Data.Count; k++)
        {
            if (Data.Values[k] >= 4.5f)
            {
                high.Add(Data.UserIndices[k]);
                highItems.Add(Data.ItemIndices[k]);
            }
        }

        Enumerable.Range(0, Data.UserCount).Where(model.IsKnownUser).Should().BeEquivalentTo(high);
        Enumerable.Range(0, Data.ItemCount).Where(model.IsKnownItem).Should().BeEquivalentTo(highItems);
        high.Count.Should().BeLessThan(Data.UserCount);
    }

    [Fact]
    public void A_minimum_no_rating_reaches_is_a_clear_error()
    {
        FluentActions.Invoking(() => new BprTrainer(new BprOptions { MinimumRating = 6f }).Fit(Data))
            .Should().Throw<ArgumentException>().WithParameterName("train").WithMessage("*MinimumRating*lower it*");
        FluentActions.Invoking(() => new BprTrainer().Fit(new RatingStoreBuilder().Build()))
            .Should().Throw<ArgumentException>().WithParameterName("train");
        FluentActions.Invoking(() => new BprTrainer().Fit(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Cancelling_after_an_epoch_stops_training()
    {
        using var cancel = new CancellationTokenSource();
        var reports = new List<EpochReport>();
        var progress = new SynchronousProgress<EpochReport>(r =>
        {
            reports.Add(r);
            if (r.Epoch == 2)
            {
                cancel.Cancel();
            }
        });
        FluentActions.Invoking(() => new BprTrainer(new BprOptions { FactorCount = 4, Epochs = 6 }).Fit(Data, progress: progress, cancellationToken: cancel.Token))
            .Should().Throw<OperationCanceledException>();
        reports.Should().HaveCount(2);
    }

    [Fact]
    public void Bad_options_are_rejected_by_name()
    {
        Reject(() => new BprOptions { FactorCount = 0 }, "FactorCount");
        Reject(() => new BprOptions { LearningRate = 0 }, "LearningRate");
        Reject(() => new BprOptions { LearningRate = float.NaN }, "LearningRate");
        Reject(() => new BprOptions { LearningRateDecay = 1.5f }, "LearningRateDecay");
        Reject(() => new BprOptions { Regularization = -1 }, "Regularization");
        Reject(() => new BprOptions { BiasRegularization = float.PositiveInfinity }, "BiasRegularization");
        Reject(() => new BprOptions { NegativeSampling = (NegativeSampling)7 }, "NegativeSampling");
        Reject(() => new BprOptions { MinimumRating = float.NaN }, "MinimumRating");
        Reject(() => new BprOptions { Threads = -1 }, "Threads");
        Reject(() => new BprOptions { GridSize = 257 }, "GridSize");
        Reject(() => new BprOptions { Epochs = 0 }, "Epochs");
        FluentActions.Invoking(() => new BprOptions { Initialization = null! }).Should().Throw<ArgumentNullException>().WithParameterName("Initialization");
        new BprOptions { MinimumRating = float.NegativeInfinity }.MinimumRating.Should().Be(float.NegativeInfinity);
    }

    private static void Reject(Func<BprOptions> make, string name) =>
        FluentActions.Invoking(make).Should().Throw<ArgumentOutOfRangeException>().WithParameterName(name);

    private static (BprModel Model, double[] Losses) Fit(BprOptions options)
    {
        var reports = new List<EpochReport>();
        BprModel model = new BprTrainer(options).Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));
        return (model, reports.Select(r => r.TrainingLoss).ToArray());
    }
}
