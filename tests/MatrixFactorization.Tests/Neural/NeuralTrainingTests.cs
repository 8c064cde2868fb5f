using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Tests.Support;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Neural;

public sealed class NeuralTrainingTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 100, items: 60, seed: 11);

    [Fact]
    public void A_learning_rate_far_too_high_stops_with_the_epoch_and_advice()
    {
        NeuralOptions options = NeuralModelContract.Small() with { LearningRate = 1e6f, Epochs = 20, EmbeddingRegularization = 0f };
        TrainingDivergedException error = FluentActions.Invoking(() => new NeuralTrainer(options).Fit(Data))
            .Should().Throw<TrainingDivergedException>().Which;
        error.Epoch.Should().BeInRange(1, 20);
        error.Message.Should().Contain("Lower the learning rate");
    }

    [Fact]
    public void Progress_reports_every_epoch_with_a_falling_training_error_and_the_schedule()
    {
        var reports = new List<EpochReport>();
        NeuralOptions options = NeuralModelContract.Small() with { Epochs = 6, LearningRateStepFactor = 0.5f, LearningRateStepEpochs = 2 };
        new NeuralTrainer(options).Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));
        reports.Select(r => r.Epoch).Should().Equal(1, 2, 3, 4, 5, 6);
        reports.Select(r => r.LearningRate).Should().Equal(0.01f, 0.01f, 0.005f, 0.005f, 0.0025f, 0.0025f);
        reports[^1].TrainingLoss.Should().BeLessThan(reports[0].TrainingLoss);
        reports.Should().AllSatisfy(r => r.ValidationScore.Should().BeNull());
    }

    [Fact]
    public void Early_stopping_keeps_the_best_epoch()
    {
        (RatingStore train, RatingStore validation) = TestRatings.Split(Data, 0.2, seed: 2);
        var reports = new List<EpochReport>();

        // Wide embeddings, no regularization, no dropout and a high rate: validation error turns up.
        NeuralOptions options = NeuralModelContract.Small() with
        {
            UserEmbeddingLength = 48, ItemEmbeddingLength = 48, HiddenLayers = [32], Dropout = 0f, EmbeddingRegularization = 0f, WeightDecay = 0f,
            LearningRate = 0.02f, Epochs = 300, EarlyStoppingPatience = 4,
        };
        NeuralModel model = new NeuralTrainer(options).Fit(train, validation, new SynchronousProgress<EpochReport>(reports.Add));

        reports.Count.Should().BeLessThan(300, "training should stop once validation error stops improving");
        double best = reports.Min(r => r.ValidationScore!.Value);
        reports.TakeLast(4).Should().AllSatisfy(r => r.ValidationScore.Should().BeGreaterThan(best));
        TestRatings.Rmse(model, validation).Should().BeApproximately(best, 1e-6);
    }

    [Fact]
    public void Full_batch_training_learns_too()
    {
        (RatingStore train, RatingStore test) = TestRatings.Split(Data, 0.2, seed: 3);
        NeuralOptions options = NeuralModelContract.Small() with { BatchSize = 0, Epochs = 150, LearningRate = 0.03f };
        NeuralModel model = new NeuralTrainer(options).Fit(train);
        double meanRmse = Math.Sqrt(test.Values.ToArray().Select(v => Math.Pow(v - model.GlobalMean, 2)).Average());
        TestRatings.Rmse(model, test).Should().BeLessThan(meanRmse * 0.9);
    }

    [Fact]
    public void Unknown_sides_fall_back_to_the_network_with_a_zero_embedding()
    {
        NeuralModel model = new NeuralTrainer(NeuralModelContract.Small()).Fit(Data);
        IRatingModel raw = model.WithClipping(false);
        for (int i = 0; i < 5; i++)
        {
            Prediction p = raw.PredictByIndex(-1, i);
            p.Source.Should().Be(PredictionSource.UnknownUser);
            float.IsFinite(p.Value).Should().BeTrue();
        }

        // Items differ, so the fallback must still tell them apart (it is not just μ).
        Enumerable.Range(0, 5).Select(i => raw.PredictByIndex(-1, i).Value).Distinct().Should().HaveCountGreaterThan(1);
        Enumerable.Range(0, 5).Select(u => raw.PredictByIndex(u, -1).Value).Distinct().Should().HaveCountGreaterThan(1);
    }

    [Fact]
    public void An_epoch_allocates_nothing_after_warm_up()
    {
        NeuralOptions options = NeuralModelContract.Small() with { Threads = 1, BatchSize = 32 };
        NeuralState state = NeuralState.Create(Data, options, TrainingDomain.From(Data));
        using var engine = new NeuralEngine(state, Data, options);
        engine.RunEpoch(1, 0.01f, CancellationToken.None);
        int epoch = 2;
        Allocations.FewestPerWindow(() => engine.RunEpoch(epoch++, 0.01f, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public void Every_shard_and_thread_layout_gives_the_same_epoch()
    {
        float[] Run(int threads)
        {
            NeuralOptions options = NeuralModelContract.Small() with { Threads = threads, BatchSize = 0 };
            NeuralModel model = new NeuralTrainer(options with { Epochs = 3 }).Fit(Data);
            return model.GetWeights(0).ToArray();
        }

        float[] one = Run(1);
        Run(3).Should().Equal(one);
    }

    [Fact]
    public void A_schedule_sets_each_epochs_rate_in_full_batch_training()
    {
        var reports = new List<EpochReport>();
        NeuralOptions options = NeuralModelContract.Small() with
        {
            BatchSize = 0, Epochs = 7, LearningRateSchedule = [new(3, 0.05f), new(2, 0.01f), new(1, 0.001f)],
        };
        new NeuralTrainer(options).Fit(Data, progress: new SynchronousProgress<EpochReport>(reports.Add));
        reports.Select(r => r.LearningRate).Should().Equal(0.05f, 0.05f, 0.05f, 0.01f, 0.01f, 0.001f, 0.001f);
        reports[^1].TrainingLoss.Should().BeLessThan(reports[0].TrainingLoss);
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(64, 2)]
    [InlineData(0, 2)]
    public void A_training_step_is_gradients_then_adam_bit_for_bit(int batchSize, int threads)
    {
        // More ratings than one chunk, so a full batch runs several chunks before its last.
        RatingStore data = TestRatings.LowRank(users: 200, items: 100, density: 0.5, seed: 5);
        data.Count.Should().BeGreaterThan(NeuralEngine.ChunkSize);
        NeuralOptions options = NeuralModelContract.Small() with { Threads = threads, BatchSize = batchSize };
        NeuralState fused = NeuralState.Create(data, options, TrainingDomain.From(data));
        NeuralState separate = NeuralState.Create(data, options, TrainingDomain.From(data));
        using (var a = new NeuralEngine(fused, data, options))
        using (var b = new NeuralEngine(separate, data, options))
        {
            int length = a.BatchSize;
            for (int step = 0; step < 3; step++)
            {
                int start = step * length % data.Count;
                length = Math.Min(length, data.Count - start);
                a.Step(1, start, length, 0.01f);
                b.ComputeGradients(1, start, length, trackPenalty: false);
                b.ApplyAdam(0.01f);
            }
        }

        fused.Layers.Parameters.Should().Equal(separate.Layers.Parameters);
        fused.UserBiases!.Values.Should().Equal(separate.UserBiases!.Values);
        fused.ItemBiases!.Values.Should().Equal(separate.ItemBiases!.Values);
        for (int u = 0; u < data.UserCount; u++)
        {
            fused.UserEmbeddings.Row(u).ToArray().Should().Equal(separate.UserEmbeddings.Row(u).ToArray());
        }

        for (int i = 0; i < data.ItemCount; i++)
        {
            fused.ItemEmbeddings.Row(i).ToArray().Should().Equal(separate.ItemEmbeddings.Row(i).ToArray());
        }
    }
}

