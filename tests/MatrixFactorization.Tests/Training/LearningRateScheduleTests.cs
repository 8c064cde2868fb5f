using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Per_epoch_decay_is_the_running_single_precision_product()
    {
        var schedule = new PerEpochDecay(0.007f, 0.97f);
        float rate = 0.007f;
        for (int epoch = 1; epoch <= 200; epoch++)
        {
            schedule.RateAt(epoch).Should().Be(rate, $"epoch {epoch}");
            rate *= 0.97f;
        }
    }

    [Fact]
    public void Per_epoch_decay_asked_out_of_order_gives_the_same_rates()
    {
        float[] inOrder = [.. Enumerable.Range(1, 30).Select(new PerEpochDecay(0.05f, 0.9f).RateAt)];
        var schedule = new PerEpochDecay(0.05f, 0.9f);
        schedule.RateAt(30).Should().Be(inOrder[29]);
        schedule.RateAt(7).Should().Be(inOrder[6]);
        schedule.RateAt(1).Should().Be(0.05f);
    }

    [Fact]
    public void A_decay_of_one_keeps_the_rate()
    {
        var schedule = new PerEpochDecay(0.005f, 1f);
        Enumerable.Range(1, 50).Select(schedule.RateAt).Should().AllBeEquivalentTo(0.005f);
    }

    [Fact]
    public void Step_decay_multiplies_once_every_step()
    {
        var schedule = new StepDecay(0.01f, 0.5f, 3);
        Enumerable.Range(1, 7).Select(schedule.RateAt).Should().Equal(0.01f, 0.01f, 0.01f, 0.005f, 0.005f, 0.005f, 0.0025f);
        new StepDecay(0.01f, 0.5f, 0).RateAt(50).Should().Be(0.01f);
    }

    [Fact]
    public void Phases_give_each_epoch_its_phase_rate_and_the_last_rate_after_them()
    {
        var schedule = new PhasedSchedule([new(2, 0.05f), new(1, 0.01f), new(3, 0.001f)]);
        Enumerable.Range(1, 8).Select(schedule.RateAt).Should().Equal(0.05f, 0.05f, 0.01f, 0.001f, 0.001f, 0.001f, 0.001f, 0.001f);
    }

    [Fact]
    public void Neural_options_use_the_phases_when_set_and_step_decay_otherwise()
    {
        var stepped = new NeuralOptions { LearningRate = 0.02f, LearningRateStepFactor = 0.5f, LearningRateStepEpochs = 2 };
        Enumerable.Range(1, 5).Select(stepped.CreatePlan().Schedule.RateAt).Should().Equal(0.02f, 0.02f, 0.01f, 0.01f, 0.005f);

        NeuralOptions phased = stepped with { LearningRateSchedule = [new(1, 0.3f), new(1, 0.1f)] };
        Enumerable.Range(1, 3).Select(phased.CreatePlan().Schedule.RateAt).Should().Equal(0.3f, 0.1f, 0.1f);
    }

    [Fact]
    public void Sgd_options_decay_per_epoch_and_the_baseline_has_no_rate()
    {
        var sgd = new MatrixFactorizationOptions { LearningRate = 0.1f, LearningRateDecay = 0.5f };
        Enumerable.Range(1, 3).Select(sgd.CreatePlan().Schedule.RateAt).Should().Equal(0.1f, 0.05f, 0.025f);
        new BaselineOptions().CreatePlan().Schedule.RateAt(4).Should().Be(0f);
    }
}
