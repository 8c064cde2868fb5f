using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

public sealed class TrainingBehaviourTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 100, items: 60, seed: 11);

    public static TheoryData<string, Func<BiasedMatrixFactorizationOptions, BiasedMatrixFactorizationOptions>> Changes => new()
    {
        { "Factors", o => o with { FactorCount = 5 } },
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
        var reference = new BiasedMatrixFactorizationOptions { FactorCount = 6, Epochs = 10 };
        float[] a = PredictAll(new BiasedMatrixFactorizationTrainer(reference).Fit(Data));
        float[] b = PredictAll(new BiasedMatrixFactorizationTrainer(change(reference)).Fit(Data));
        b.Should().NotEqual(a, $"changing {option} must change the model");
    }

    public static TheoryData<string, Func<BiasedMatrixFactorizationOptions, BiasedMatrixFactorizationOptions>> BadValues => new()
    {
        { "FactorCount", o => o with { FactorCount = 0 } },
        { "FactorCount", o => o with { FactorCount = 4097 } },
        { "Epochs", o => o with { Epochs = 0 } },
        { "LearningRate", o => o with { LearningRate = -1 } },
        { "LearningRate", o => o with { LearningRate = float.PositiveInfinity } },
        { "LearningRateDecay", o => o with { LearningRateDecay = 1.5f } },
        { "LearningRateDecay", o => o with { LearningRateDecay = 0f } },
        { "FactorRegularization", o => o with { FactorRegularization = -0.1f } },
        { "BiasRegularization", o => o with { BiasRegularization = float.NaN } },
        { "Initialization", o => o with { Initialization = null! } },
        { "Optimizer", o => o with { Optimizer = (SgdOptimizer)7 } },
        { "Threads", o => o with { Threads = -1 } },
        { "GridSize", o => o with { GridSize = 0 } },
        { "EarlyStoppingPatience", o => o with { EarlyStoppingPatience = -2 } },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_option_throws_as_it_is_set_naming_the_option(string option, Func<BiasedMatrixFactorizationOptions, BiasedMatrixFactorizationOptions> change)
    {
        var valid = new BiasedMatrixFactorizationOptions();
        FluentActions.Invoking(() => change(valid)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be(option);
    }

    [Fact]
    public void The_error_names_the_value_and_the_range()
    {
        FluentActions.Invoking(() => new MatrixFactorizationOptions { GridSize = 300 })
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*GridSize must be in [1, 256]*300*");
        FluentActions.Invoking(() => new BaselineOptions { UserRegularization = -1f })
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("UserRegularization");
        FluentActions.Invoking(() => new BaselineOptions { Epochs = 100_001 })
            .Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("Epochs");
    }

    [Fact]
    public void The_learning_rate_falls_by_the_decay_after_every_epoch()
    {
        var reports = new List<EpochReport>();
        var options = new BiasedMatrixFactorizationOptions { FactorCount = 4, Epochs = 5, LearningRate = 0.01f, LearningRateDecay = 0.9f };
        new BiasedMatrixFactorizationTrainer(options).Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));

        // A running product in single precision, one multiplication an epoch.
        float rate = 0.01f;
        var expected = new List<float>();
        for (int epoch = 1; epoch <= 5; epoch++)
        {
            expected.Add(rate);
            rate *= 0.9f;
        }

        reports.Select(r => r.LearningRate).Should().Equal(expected);
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
    public void Progress_reports_every_epoch_with_a_falling_training_error()
    {
        var reports = new List<EpochReport>();
        new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { Epochs = 8 })
            .Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));
        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        reports[^1].TrainingLoss.Should().BeLessThan(reports[0].TrainingLoss);
        reports.Should().AllSatisfy(r => r.UpdatesPerSecond.Should().BePositive());
        reports.Should().AllSatisfy(r => r.ValidationScore.Should().BeNull());
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch()
    {
        (RatingStore train, RatingStore validation) = TestRatings.Split(Data, 0.2, seed: 2);
        var reports = new List<EpochReport>();

        // Almost no regularization and many factors: the model overfits, so validation error turns up.
        var options = new BiasedMatrixFactorizationOptions
        {
            FactorCount = 40, Epochs = 200, LearningRate = 0.02f, FactorRegularization = 0, BiasRegularization = 0, EarlyStoppingPatience = 5,
        };
        BiasedMatrixFactorizationModel model = new BiasedMatrixFactorizationTrainer(options)
            .Fit(train, validation, new SynchronousProgress<EpochReport>(reports.Add));

        reports.Count.Should().BeLessThan(200, "training should stop once validation error stops improving");
        double best = reports.Min(r => r.ValidationScore!.Value);
        reports.TakeLast(5).Should().AllSatisfy(r => r.ValidationScore.Should().BeGreaterThanOrEqualTo(best));
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
        mapped.Select(r => r.ValidationScore!.Value).Should().BeEquivalentTo(shared.Select(r => r.ValidationScore!.Value), o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-9)).WhenTypeIs<double>());
    }

    private static float[] PredictAll(IRatingModel model) =>
        Enumerable.Range(0, Data.Count).Select(k => model.PredictByIndex(Data.UserIndices[k], Data.ItemIndices[k]).Value).ToArray();
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts asynchronously).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
