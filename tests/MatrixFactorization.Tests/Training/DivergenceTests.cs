using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Synthetic;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>
/// Divergence is a finite training loss past twice the worst loss of an untrained model, not only a
/// non-finite one: a rating model's training RMSE above 2 · max(Max − Min, |Min|, |Max|) of the
/// training scale, BPR's loss above 2√(ln 2).
/// </summary>
public sealed class DivergenceTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 30, items: 20, seed: 3);

    private static readonly Lazy<RatingStore> Synthetic = new(() => new SyntheticRatingGenerator(SyntheticOptions.Small).Generate().Store);

    [Fact]
    public void An_epoch_whose_loss_passes_the_bound_stops_training_with_its_epoch_and_rate()
    {
        // Reported loss √(sum / count): epochs 1 and 2 just under a bound of 10, epoch 3 just over.
        double[] losses = [99.0 * Data.Count, 99.9 * Data.Count, 100.1 * Data.Count, 1];
        var run = new LossScript(losses);
        var loop = new EpochLoop(Data, null, new EpochPlan(losses.Length, new ConstantLearningRate(0.5f), 0));
        var reports = new List<EpochReport>();

        TrainingDivergedException error = FluentActions.Invoking(() => loop.Run(run, run, run.Model(loop.Domain), new SynchronousProgress<EpochReport>(reports.Add), CancellationToken.None, lossBound: 10))
            .Should().Throw<TrainingDivergedException>().Which;

        error.Epoch.Should().Be(3);
        error.LearningRate.Should().Be(0.5f);
        error.Message.Should().Contain("epoch 3").And.Contain("exceeds 10").And.Contain("learning rate 0.5").And.Contain("to 0.125 or less");
        reports.Select(r => r.Epoch).Should().Equal(1, 2);
    }

    [Fact]
    public void Without_a_bound_only_a_non_finite_loss_diverges()
    {
        double[] losses = [1e12, 1e14, 1e16];
        var run = new LossScript(losses);
        var loop = new EpochLoop(Data, null, new EpochPlan(losses.Length, new ConstantLearningRate(0.5f), 0));
        var reports = new List<EpochReport>();

        loop.Run(run, run, run.Model(loop.Domain), new SynchronousProgress<EpochReport>(reports.Add), CancellationToken.None);

        reports.Should().HaveCount(3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AdaGrad_at_learning_rate_3_diverges_in_its_first_epoch_and_names_the_rate(bool biased)
    {
        RatingStore data = Synthetic.Value;
        ITrainer<IRatingModel> trainer = biased
            ? new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { FactorCount = 128, Optimizer = SgdOptimizer.AdaGrad, LearningRate = 3, Epochs = 10, Threads = 2 })
            : new MatrixFactorizationTrainer(new MatrixFactorizationOptions { FactorCount = 128, Optimizer = SgdOptimizer.AdaGrad, LearningRate = 3, Epochs = 10, Threads = 2 });

        TrainingDivergedException error = FluentActions.Invoking(() => trainer.Fit(data))
            .Should().Throw<TrainingDivergedException>().Which;

        error.Epoch.Should().Be(1);
        error.LearningRate.Should().Be(3f);
        error.Message.Should().Contain("learning rate 3").And.Contain("LearningRate").And.Contain("to 0.75 or less");

        // Accumulators start at 1, so the first steps are SGD steps of rate 3: the loss may overflow
        // before it is checked against the bound (the largest error an untrained model can make,
        // doubled), which is then named instead.
        float min = data.Values.ToArray().Min(), max = data.Values.ToArray().Max();
        double bound = 2 * Math.Max(max - min, Math.Max(Math.Abs(min), Math.Abs(max)));
        error.Message.Should().Match(m => m.Contains("the loss is not finite", StringComparison.Ordinal)
            || m.Contains($"exceeds {bound.ToString("G4", CultureInfo.InvariantCulture)}", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_learning_rates_never_reach_the_bound()
    {
        RatingStore data = Synthetic.Value;
        var reports = new List<EpochReport>();
        new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { Epochs = 20, Threads = 2 })
            .Fit(data, progress: new SynchronousProgress<EpochReport>(reports.Add));

        float min = data.Values.ToArray().Min(), max = data.Values.ToArray().Max();
        double bound = 2 * Math.Max(max - min, Math.Max(Math.Abs(min), Math.Abs(max)));
        reports.Should().HaveCount(20);
        reports.Max(r => r.TrainingLoss).Should().BeLessThan(bound / 4, "a learning model stays far below the bound");
    }

    /// <summary>A runner whose epoch e returns losses[e − 1] and changes nothing.</summary>
    private sealed class LossScript(double[] losses) : IEpochRunner, ITrainingState
    {
        public float[] UserBiases { get; } = new float[Data.UserCount];

        public float[] ItemBiases { get; } = new float[Data.ItemCount];

        public int ParameterSpanCount => 2;

        public BaselineModel Model(TrainingDomain domain) => new(domain, UserBiases, ItemBiases, clipPredictions: false);

        public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation) => losses[epoch - 1];

        public Span<float> ParameterSpan(int index) => index == 0 ? UserBiases : ItemBiases;

        public bool IsFinite() => true;

        public void Dispose()
        {
        }
    }
}
