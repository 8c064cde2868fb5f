using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class TrainingBehaviourTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 100, items: 60, seed: 11);

    public static TheoryData<string, Func<BiasedMatrixFactorizationOptions, BiasedMatrixFactorizationOptions>> Changes => new()
    {
        { "Factors", o => o with { Factors = 5 } },
        { "Epochs", o => o with { Epochs = 9 } },
        { "LearningRate", o => o with { LearningRate = 0.02f } },
        { "LearningRateDecay", o => o with { LearningRateDecay = 0.9f } },
        { "FactorRegularization", o => o with { FactorRegularization = 0.2f } },
        { "BiasRegularization", o => o with { BiasRegularization = 0.5f } },
        { "Initialization", o => o with { Initialization = FactorInitialization.Uniform(0, 0.05f) } },
        { "Optimizer", o => o with { Optimizer = SgdOptimizer.AdaGrad } },
        { "Seed", o => o with { Seed = 99 } },
        { "GridSize", o => o with { GridSize = 3 } },
        { "Shuffle", o => o with { Shuffle = !o.Shuffle } },
        { "ClipPredictions", o => o with { ClipPredictions = false, LearningRate = 0.05f, FactorRegularization = 0 } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Every_option_changes_the_model(string option, Func<BiasedMatrixFactorizationOptions, BiasedMatrixFactorizationOptions> change)
    {
        var reference = new BiasedMatrixFactorizationOptions { Factors = 6, Epochs = 10 };
        float[] a = PredictAll(new BiasedMatrixFactorizationTrainer(reference).Fit(Data));
        float[] b = PredictAll(new BiasedMatrixFactorizationTrainer(change(reference)).Fit(Data));
        b.Should().NotEqual(a, $"changing {option} must change the model");
    }

    [Theory]
    [InlineData("Factors", 0)]
    [InlineData("Epochs", 0)]
    [InlineData("LearningRate", -1)]
    [InlineData("LearningRateDecay", 1.5)]
    [InlineData("FactorRegularization", -0.1)]
    [InlineData("BiasRegularization", double.NaN)]
    [InlineData("Threads", -1)]
    [InlineData("GridSize", 0)]
    [InlineData("EarlyStoppingPatience", -2)]
    public void A_bad_option_is_named_in_the_error(string option, double value)
    {
        var options = new BiasedMatrixFactorizationOptions();
        options = option switch
        {
            "Factors" => options with { Factors = (int)value },
            "Epochs" => options with { Epochs = (int)value },
            "LearningRate" => options with { LearningRate = (float)value },
            "LearningRateDecay" => options with { LearningRateDecay = (float)value },
            "FactorRegularization" => options with { FactorRegularization = (float)value },
            "BiasRegularization" => options with { BiasRegularization = (float)value },
            "Threads" => options with { Threads = (int)value },
            "GridSize" => options with { GridSize = (int)value },
            _ => options with { EarlyStoppingPatience = (int)value },
        };
        FluentActions.Invoking(() => new BiasedMatrixFactorizationTrainer(options).Fit(Data))
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(option);
    }

    [Fact]
    public void A_learning_rate_far_too_high_stops_with_the_epoch_and_advice()
    {
        var options = new MatrixFactorizationOptions { LearningRate = 50f, Epochs = 20, FactorRegularization = 0 };
        TrainingDivergedException error = FluentActions.Invoking(() => new MatrixFactorizationTrainer(options).Fit(Data))
            .Should().Throw<TrainingDivergedException>().Which;
        error.Epoch.Should().BeInRange(1, 20);
        error.Message.Should().Contain("Lower the learning rate");
    }

    [Fact]
    public void Cancellation_returns_no_model()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<EpochReport>(r =>
        {
            if (r.Epoch == 2)
            {
                cancel.Cancel();
            }
        });
        FluentActions.Invoking(() => new BiasedMatrixFactorizationTrainer().Fit(Data, progress: progress, cancellation: cancel.Token))
            .Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Progress_reports_every_epoch_with_a_falling_training_error()
    {
        var reports = new List<EpochReport>();
        new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { Epochs = 8 })
            .Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));
        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        reports[^1].TrainingRmse.Should().BeLessThan(reports[0].TrainingRmse);
        reports.Should().AllSatisfy(r => r.UpdatesPerSecond.Should().BePositive());
        reports.Should().AllSatisfy(r => r.ValidationRmse.Should().BeNull());
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch()
    {
        (RatingStore train, RatingStore validation) = TestRatings.Split(Data, 0.2, seed: 2);
        var reports = new List<EpochReport>();

        // Almost no regularization and many factors: the model overfits, so validation error turns up.
        var options = new BiasedMatrixFactorizationOptions
        {
            Factors = 40, Epochs = 200, LearningRate = 0.02f, FactorRegularization = 0, BiasRegularization = 0, EarlyStoppingPatience = 5,
        };
        BiasedMatrixFactorizationModel model = new BiasedMatrixFactorizationTrainer(options)
            .Fit(train, validation, new SynchronousProgress<EpochReport>(reports.Add));

        reports.Count.Should().BeLessThan(200, "training should stop once validation error stops improving");
        double best = reports.Min(r => r.ValidationRmse!.Value);
        reports.TakeLast(5).Should().AllSatisfy(r => r.ValidationRmse.Should().BeGreaterThanOrEqualTo(best));
        TestRatings.Rmse(model, validation).Should().BeApproximately(best, 1e-6);
    }

    [Fact]
    public void A_validation_store_with_its_own_id_maps_is_mapped_by_raw_id()
    {
        (RatingStore train, RatingStore validation) = TestRatings.Split(Data, 0.2, seed: 4);

        // Re-load the validation ratings through a fresh builder: new id maps, other dense indices.
        var builder = new RatingStoreBuilder();
        for (int k = validation.Count - 1; k >= 0; k--)
        {
            builder.Add(validation.Users.GetInt64Id(validation.UserIndices[k]), validation.Items.GetInt64Id(validation.ItemIndices[k]), validation.Values[k]);
        }

        RatingStore separate = builder.Build();
        var shared = new List<EpochReport>();
        var mapped = new List<EpochReport>();
        var options = new BiasedMatrixFactorizationOptions { Epochs = 3 };
        new BiasedMatrixFactorizationTrainer(options).Fit(train, validation, new SynchronousProgress<EpochReport>(shared.Add));
        new BiasedMatrixFactorizationTrainer(options).Fit(train, separate, new SynchronousProgress<EpochReport>(mapped.Add));
        mapped.Select(r => r.ValidationRmse!.Value).Should().BeEquivalentTo(shared.Select(r => r.ValidationRmse!.Value), o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>());
    }

    private static float[] PredictAll(IRatingModel model) =>
        Enumerable.Range(0, Data.Count).Select(k => model.PredictByIndex(Data.UserIndices[k], Data.ItemIndices[k]).Value).ToArray();
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts asynchronously).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
