using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>
/// The loop with a scripted runner: each epoch sets every user bias of a baseline model to the
/// script's value, so the validation RMSE of every epoch is known in advance.
/// </summary>
public sealed class EpochLoopTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 30, items: 20, seed: 3);

    [Fact]
    public void Early_stopping_stops_after_the_patience_and_restores_the_best_epoch()
    {
        // Validated on the training ratings themselves, the RMSE of μ + b is √(variance + b²):
        // best at epoch 3 (b = 0.1), then three epochs without a better one.
        float[] script = [0.5f, 0.2f, 0.1f, 0.3f, 0.15f, 0.4f, 0.05f, 0f];
        var fake = new ScriptedRun(script);
        var loop = new EpochLoop(Data, Data, new EpochPlan(script.Length, new ConstantLearningRate(0.01f), EarlyStoppingPatience: 3));
        var reports = new List<EpochReport>();

        loop.Run(fake, fake, fake.Model(loop.Domain), new SynchronousProgress<EpochReport>(reports.Add), CancellationToken.None);

        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3, 4, 5, 6);
        double variance = Data.Values.ToArray().Select(v => Math.Pow(v - Mean(Data), 2)).Average();
        reports.Select(r => r.ValidationScore!.Value).Should().Equal(
            script.Take(6).Select(b => Math.Sqrt(variance + (b * b))),
            (actual, expected) => Math.Abs(actual - expected) < 1e-5);
        fake.UserBiases.Should().OnlyContain(b => b == 0.1f, "the best epoch's parameters are restored");
        fake.ItemBiases.Should().OnlyContain(b => b == 0f);
    }

    [Fact]
    public void Without_validation_every_epoch_runs_and_the_last_is_kept()
    {
        float[] script = [0.5f, 0.2f, 0.1f, 0.3f];
        var fake = new ScriptedRun(script);
        var loop = new EpochLoop(Data, null, new EpochPlan(script.Length, new ConstantLearningRate(0.01f), EarlyStoppingPatience: 1));
        var reports = new List<EpochReport>();

        loop.Run(fake, fake, fake.Model(loop.Domain), new SynchronousProgress<EpochReport>(reports.Add), CancellationToken.None);

        reports.Should().HaveCount(4).And.OnlyContain(r => r.ValidationScore == null);
        fake.UserBiases.Should().OnlyContain(b => b == 0.3f);
    }

    [Fact]
    public void Each_epoch_runs_at_the_schedules_rate_and_reports_it()
    {
        var fake = new ScriptedRun([0f, 0f, 0f, 0f]);
        var loop = new EpochLoop(Data, null, new EpochPlan(4, new PhasedSchedule([new(1, 0.4f), new(2, 0.2f), new(1, 0.1f)]), 0));
        var reports = new List<EpochReport>();

        loop.Run(fake, fake, fake.Model(loop.Domain), new SynchronousProgress<EpochReport>(reports.Add), CancellationToken.None);

        fake.Rates.Should().Equal(0.4f, 0.2f, 0.2f, 0.1f);
        reports.Select(r => r.LearningRate).Should().Equal(0.4f, 0.2f, 0.2f, 0.1f);
        reports.Should().OnlyContain(r => r.TrainingLoss == Math.Sqrt(ScriptedRun.Loss / Data.Count));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void A_non_finite_loss_or_state_stops_with_the_epoch_and_its_rate(bool nanLoss, bool nonFiniteState)
    {
        var fake = new ScriptedRun([0f, 0f, 0f, 0f]) { DivergeAt = 3, NanLoss = nanLoss, NonFiniteState = nonFiniteState };
        var loop = new EpochLoop(Data, null, new EpochPlan(4, new PerEpochDecay(0.1f, 0.5f), 0));
        var reports = new List<EpochReport>();

        TrainingDivergedException error = FluentActions.Invoking(() => loop.Run(fake, fake, fake.Model(loop.Domain), new SynchronousProgress<EpochReport>(reports.Add), CancellationToken.None))
            .Should().Throw<TrainingDivergedException>().Which;
        error.Epoch.Should().Be(3);
        error.LearningRate.Should().Be(0.025f);
        reports.Should().HaveCount(2);
    }

    [Fact]
    public void The_token_reaches_the_runner()
    {
        using var cancel = new CancellationTokenSource();
        var fake = new ScriptedRun([0f, 0f, 0f]);
        var loop = new EpochLoop(Data, null, new EpochPlan(3, new ConstantLearningRate(0.1f), 0));
        var progress = new SynchronousProgress<EpochReport>(_ => cancel.Cancel());

        FluentActions.Invoking(() => loop.Run(fake, fake, fake.Model(loop.Domain), progress, cancel.Token))
            .Should().Throw<OperationCanceledException>();
        fake.Rates.Should().HaveCount(1);
    }

    private static float Mean(RatingStore store) => (float)store.Values.ToArray().Select(v => (double)v).Average();

    /// <summary>A runner and its state: epoch e sets every user bias to script[e − 1].</summary>
    private sealed class ScriptedRun(float[] script) : IEpochRunner, ITrainingState
    {
        public const double Loss = 12.5;

        public float[] UserBiases { get; } = new float[Data.UserCount];

        public float[] ItemBiases { get; } = new float[Data.ItemCount];

        public List<float> Rates { get; } = [];

        public int DivergeAt { get; init; }

        public bool NanLoss { get; init; }

        public bool NonFiniteState { get; init; }

        public int ParameterSpanCount => 2;

        public BaselineModel Model(TrainingDomain domain) => new(domain, UserBiases, ItemBiases, clipPredictions: false);

        public double RunEpoch(int epoch, float learningRate, CancellationToken cancellation)
        {
            cancellation.ThrowIfCancellationRequested();
            Rates.Add(learningRate);
            Array.Fill(UserBiases, script[epoch - 1]);
            return epoch == DivergeAt && NanLoss ? double.NaN : Loss;
        }

        public Span<float> ParameterSpan(int index) => index == 0 ? UserBiases : ItemBiases;

        public bool IsFinite() => !(NonFiniteState && Rates.Count == DivergeAt);

        public void Dispose()
        {
        }
    }
}
