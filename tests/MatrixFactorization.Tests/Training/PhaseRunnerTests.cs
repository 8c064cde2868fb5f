using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class PhaseRunnerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Every_part_of_every_phase_runs_exactly_once(int threads)
    {
        using var runner = new PhaseRunner(threads);
        for (int phase = 0; phase < 2000; phase++)
        {
            // Phases of different sizes back to back, so a late worker could only go wrong by
            // running a part of the wrong phase or a part twice.
            int count = 1 + (phase % 17);
            var runs = new int[count];
            runner.Run(part => Interlocked.Increment(ref runs[part]), count);
            runs.Should().AllSatisfy(r => r.Should().Be(1), $"phase {phase}");
        }
    }

    [Fact]
    public void A_phase_with_no_parts_returns()
    {
        using var runner = new PhaseRunner(2);
        runner.Run(_ => throw new InvalidOperationException("no part should run"), 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_failing_part_surfaces_after_the_phase_and_the_runner_stays_usable(int threads)
    {
        using var runner = new PhaseRunner(threads);
        var runs = new int[8];
        FluentActions.Invoking(() => runner.Run(
            part =>
            {
                Interlocked.Increment(ref runs[part]);
                if (part == 5)
                {
                    throw new InvalidOperationException("part 5");
                }
            },
            8))
            .Should().Throw<AggregateException>().WithInnerException<InvalidOperationException>().WithMessage("part 5");
        runs.Should().AllSatisfy(r => r.Should().Be(1), "the other parts still run");

        int total = 0;
        runner.Run(_ => Interlocked.Increment(ref total), 10);
        total.Should().Be(10);
    }

    [Fact]
    public void A_phase_after_the_workers_fell_asleep_completes()
    {
        using var runner = new PhaseRunner(2);
        runner.Run(_ => { }, 4);
        Thread.Sleep(20);
        int total = 0;
        runner.Run(_ => Interlocked.Increment(ref total), 16);
        total.Should().Be(16);
    }
}
