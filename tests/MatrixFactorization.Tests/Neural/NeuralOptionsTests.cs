using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

public sealed class NeuralOptionsTests
{
    public static TheoryData<string, Func<NeuralOptions, NeuralOptions>> BadOptions => new()
    {
        { "UserEmbeddingLength", o => o with { UserEmbeddingLength = 0 } },
        { "ItemEmbeddingLength", o => o with { ItemEmbeddingLength = 2000 } },
        { "HiddenLayers", o => o with { HiddenLayers = [10, 0] } },
        { "HiddenLayers.Count", o => o with { HiddenLayers = [1, 1, 1, 1, 1, 1, 1, 1, 1] } },
        { "Dropout", o => o with { Dropout = 1f } },
        { "Dropout", o => o with { Dropout = float.NaN } },
        { "OutputMargin", o => o with { OutputMargin = -0.1f } },
        { "BatchSize", o => o with { BatchSize = -1 } },
        { "Epochs", o => o with { Epochs = 0 } },
        { "LearningRate", o => o with { LearningRate = 0f } },
        { "LearningRateStepFactor", o => o with { LearningRateStepFactor = 1.5f } },
        { "LearningRateStepEpochs", o => o with { LearningRateStepEpochs = -1 } },
        { "WeightDecay", o => o with { WeightDecay = float.PositiveInfinity } },
        { "EmbeddingRegularization", o => o with { EmbeddingRegularization = -1f } },
        { "Beta1", o => o with { Beta1 = 1f } },
        { "Beta2", o => o with { Beta2 = -0.1f } },
        { "EmbeddingScale", o => o with { EmbeddingScale = 0f } },
        { "Threads", o => o with { Threads = -1 } },
        { "EarlyStoppingPatience", o => o with { EarlyStoppingPatience = -3 } },
        { "LearningRateSchedule.Count", o => o with { LearningRateSchedule = [] } },
        { "LearningRateSchedule.Epochs", o => o with { LearningRateSchedule = [new(2, 0.05f), new(0, 0.01f)] } },
        { "LearningRateSchedule.LearningRate", o => o with { LearningRateSchedule = [new(2, -0.05f)] } },
        { "LearningRateSchedule.LearningRate", o => o with { LearningRateSchedule = [new(2, float.NaN)] } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void A_bad_option_throws_as_it_is_set_naming_the_option(string option, Func<NeuralOptions, NeuralOptions> change)
    {
        var valid = new NeuralOptions();
        FluentActions.Invoking(() => change(valid)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(option);
    }

    [Fact]
    public void The_error_names_the_value_and_the_range()
    {
        FluentActions.Invoking(() => new NeuralOptions { UserEmbeddingLength = 2000 })
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*UserEmbeddingLength must be in [1, 1024]*2000*");
    }

    [Fact]
    public void The_defaults_train_in_mini_batches_through_one_hidden_layer()
    {
        var options = new NeuralOptions();
        options.HiddenLayers.Should().Equal(32);
        options.BatchSize.Should().BePositive("mini-batch is the default; full batch is opt-in");
    }

    [Fact]
    public void Options_are_values_hidden_layers_included()
    {
        var a = new NeuralOptions { HiddenLayers = [16, 8] };
        var b = new NeuralOptions { HiddenLayers = [16, 8] };
        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { HiddenLayers = [16] }).Should().NotBe(a);
        FluentActions.Invoking(() => new NeuralOptions { HiddenLayers = null! }).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void The_hidden_layers_are_copied_so_the_options_stay_immutable()
    {
        int[] widths = [12, 6];
        var options = new NeuralOptions { HiddenLayers = widths };
        widths[0] = 999;
        options.HiddenLayers.Should().Equal(12, 6);
    }

    [Fact]
    public void A_schedule_range_error_names_the_range()
    {
        FluentActions.Invoking(() => new NeuralOptions { LearningRateSchedule = [new(0, 0.05f)] })
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[1, 100000]*");
    }

    [Fact]
    public void The_schedule_is_copied_and_compared_by_value()
    {
        LearningRatePhase[] phases = [new(3, 0.05f), new(3, 0.01f)];
        var a = new NeuralOptions { LearningRateSchedule = phases };
        phases[0] = new(9, 9f);
        a.LearningRateSchedule.Should().Equal(new LearningRatePhase(3, 0.05f), new LearningRatePhase(3, 0.01f));
        a.Should().Be(new NeuralOptions { LearningRateSchedule = [new(3, 0.05f), new(3, 0.01f)] });
        a.Should().NotBe(new NeuralOptions { LearningRateSchedule = [new(3, 0.05f)] });
        a.Should().NotBe(new NeuralOptions());
        new NeuralOptions().LearningRateSchedule.Should().BeNull();
    }
}
