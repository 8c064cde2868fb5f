using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

public sealed class NeuralOptionsTests
{
    public static TheoryData<string, Func<NeuralOptions, NeuralOptions>> BadOptions => new()
    {
        { "UserFactors", o => o with { UserFactors = 0 } },
        { "ItemFactors", o => o with { ItemFactors = 2000 } },
        { "HiddenLayers", o => o with { HiddenLayers = [10, 0] } },
        { "HiddenLayers.Count", o => o with { HiddenLayers = [1, 1, 1, 1, 1, 1, 1, 1, 1] } },
        { "Dropout", o => o with { Dropout = 1f } },
        { "Dropout", o => o with { Dropout = float.NaN } },
        { "OutputMargin", o => o with { OutputMargin = -0.1f } },
        { "BatchSize", o => o with { BatchSize = -1 } },
        { "Epochs", o => o with { Epochs = 0 } },
        { "LearningRate", o => o with { LearningRate = 0f } },
        { "LearningRateDecay", o => o with { LearningRateDecay = 1.5f } },
        { "LearningRateDecayEpochs", o => o with { LearningRateDecayEpochs = -1 } },
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
    public void A_bad_option_is_named_in_the_error(string option, Func<NeuralOptions, NeuralOptions> change)
    {
        NeuralOptions options = change(new NeuralOptions());
        FluentActions.Invoking(options.Validate).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(option);
        FluentActions.Invoking(() => new NeuralTrainer(options).Fit(TestRatings.LowRank(20, 10)))
            .Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        var options = new NeuralOptions();
        options.Validate();
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
    public void The_learning_rate_decays_in_steps()
    {
        var options = new NeuralOptions { LearningRate = 0.01f, LearningRateDecay = 0.5f, LearningRateDecayEpochs = 3 };
        Enumerable.Range(1, 7).Select(options.LearningRateAt).Should().Equal(0.01f, 0.01f, 0.01f, 0.005f, 0.005f, 0.005f, 0.0025f);
        (options with { LearningRateDecayEpochs = 0 }).LearningRateAt(50).Should().Be(0.01f);
    }

    [Fact]
    public void A_schedule_gives_each_phase_its_rate_and_the_last_rate_after_it()
    {
        var options = new NeuralOptions { LearningRate = 0.7f, LearningRateSchedule = [new(2, 0.05f), new(1, 0.01f), new(3, 0.001f)] };
        Enumerable.Range(1, 8).Select(options.LearningRateAt).Should().Equal(0.05f, 0.05f, 0.01f, 0.001f, 0.001f, 0.001f, 0.001f, 0.001f);
        options.Validate();
    }

    [Fact]
    public void A_schedule_range_error_names_the_range()
    {
        var options = new NeuralOptions { LearningRateSchedule = [new(0, 0.05f)] };
        FluentActions.Invoking(options.Validate).Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[1, 100000]*");
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
