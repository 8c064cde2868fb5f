using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Tests.Neural;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>What every <see cref="ITrainer{TModel}"/> promises, checked on each trainer.</summary>
public sealed class TrainerContractTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 100, items: 60, seed: 11);

    public static TheoryData<string> Trainers => ["baseline", "mf", "biased", "neural"];

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Every_epoch_is_reported_in_order(string trainer)
    {
        var reports = new List<EpochReport>();
        Create(trainer, epochs: 4).Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));
        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3, 4);
        reports.Should().AllSatisfy(r =>
        {
            double.IsFinite(r.TrainingLoss).Should().BeTrue();
            r.ValidationScore.Should().BeNull();
            r.UpdatesPerSecond.Should().BePositive();
        });
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Cancelling_after_an_epoch_stops_training_with_no_model(string trainer)
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
        FluentActions.Invoking(() => Create(trainer, epochs: 6).Fit(Data, progress: progress, cancellationToken: cancel.Token))
            .Should().Throw<OperationCanceledException>();
        reports.Should().HaveCount(2);
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void A_token_cancelled_before_training_runs_no_epoch(string trainer)
    {
        var reports = new List<EpochReport>();
        FluentActions.Invoking(() => Create(trainer, epochs: 3).Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add), cancellationToken: new CancellationToken(canceled: true)))
            .Should().Throw<OperationCanceledException>();
        reports.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void The_last_reported_validation_rmse_is_that_of_the_returned_model(string trainer)
    {
        (RatingStore train, RatingStore validation) = TestRatings.Split(Data, 0.2, seed: 6);
        var reports = new List<EpochReport>();
        IRatingModel model = Create(trainer, epochs: 5).Fit(train, validation, new SynchronousProgress<EpochReport>(reports.Add));

        // Scored here by raw id, through the model's public prediction, one rating at a time.
        double sum = 0;
        for (int k = 0; k < validation.Count; k++)
        {
            long user = validation.Users.GetInt64Id(validation.UserIndices[k]);
            long item = validation.Items.GetInt64Id(validation.ItemIndices[k]);
            double error = (double)validation.Values[k] - model.Predict(user, item).Value;
            sum += error * error;
        }

        reports.Should().HaveCount(5);
        reports[^1].ValidationScore!.Value.Should().BeApproximately(Math.Sqrt(sum / validation.Count), 1e-6);
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void An_empty_training_store_is_rejected(string trainer)
    {
        RatingStore empty = new RatingStoreBuilder().Build();
        FluentActions.Invoking(() => Create(trainer, epochs: 2).Fit(empty))
            .Should().Throw<ArgumentException>().Which.ParamName.Should().Be("train");
        FluentActions.Invoking(() => Create(trainer, epochs: 2).Fit(null!))
            .Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("train");
    }

    private static ITrainer<IRatingModel> Create(string trainer, int epochs) => trainer switch
    {
        "baseline" => new BaselineTrainer(new BaselineOptions { Epochs = epochs }),
        "mf" => new MatrixFactorizationTrainer(new MatrixFactorizationOptions { FactorCount = 8, Epochs = epochs, Threads = 2 }),
        "biased" => new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { FactorCount = 8, Epochs = epochs, Threads = 2 }),
        _ => new NeuralTrainer(NeuralModelContract.Small(threads: 2) with { Epochs = epochs }),
    };
}
