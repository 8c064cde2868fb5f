using MatrixFactorization.Data;
using MatrixFactorization.Data.Synthetic;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

/// <summary>
/// Full-batch training is one Adam step an epoch, so a check between batches alone would let a
/// cancelled token wait for the whole epoch: the step looks at the token inside the batch.
/// </summary>
public sealed class NeuralCancellationTests
{
    // About 120 chunks of ratings in one batch: seconds of work on two threads.
    private static readonly Lazy<RatingStore> Data = new(() =>
        new SyntheticRatingGenerator(new SyntheticOptions { Users = 10_000, Items = 4_000, Ratings = 1_000_000, Seed = 9 }).Generate().Store);

    [Fact]
    public void A_full_batch_epoch_cancelled_from_a_timer_stops_inside_its_only_batch()
    {
        RatingStore data = Data.Value;
        var options = new NeuralOptions { BatchSize = 0, Threads = 2 };
        NeuralState state = NeuralState.Create(data, options, TrainingDomain.From(data));
        float[] before = state.Layers.Parameters.ToArray();
        using var engine = new NeuralEngine(state, data, options);
        engine.BatchSize.Should().Be(data.Count, "the epoch is one batch, checked for cancellation only once before it starts unless the step looks inside");

        using var cancel = new CancellationTokenSource();
        Thread canceller = CancelSoon(cancel, 20);
        FluentActions.Invoking(() => engine.RunEpoch(1, 0.003f, cancel.Token)).Should().Throw<OperationCanceledException>();

        canceller.Join();
        cancel.IsCancellationRequested.Should().BeTrue();
        state.Layers.Parameters.ToArray().Should().Equal(before, "the step stopped inside the batch, before its Adam update moved a parameter");
    }

    [Fact]
    public void A_cancelled_full_batch_fit_returns_no_model_and_reports_no_epoch()
    {
        var reports = new List<EpochReport>();
        using var cancel = new CancellationTokenSource();
        Thread canceller = CancelSoon(cancel, 50);

        FluentActions.Invoking(() => new NeuralTrainer(new NeuralOptions { BatchSize = 0, Epochs = 1, Threads = 2 })
                .Fit(Data.Value, progress: new SynchronousProgress<EpochReport>(reports.Add), cancellationToken: cancel.Token))
            .Should().Throw<OperationCanceledException>();

        canceller.Join();
        reports.Should().BeEmpty();
    }

    /// <summary>
    /// Cancels from a thread of its own: a timer's callback (CancelAfter) runs on the thread pool,
    /// which the two training threads can keep busy until the epoch is over.
    /// </summary>
    private static Thread CancelSoon(CancellationTokenSource cancel, int milliseconds)
    {
        var thread = new Thread(() =>
        {
            Thread.Sleep(milliseconds);
            cancel.Cancel();
        }) { IsBackground = true };
        thread.Start();
        return thread;
    }
}
