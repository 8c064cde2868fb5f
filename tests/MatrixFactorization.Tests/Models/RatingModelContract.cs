using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Models;

/// <summary>
/// The behaviour every <see cref="IRatingModel"/> promises. A model's test class inherits this and
/// says only how to train it; it gets every test here.
/// </summary>
public abstract class RatingModelContract
{
    private static readonly RatingStore Data = TestRatings.LowRank();
    private static readonly (RatingStore Train, RatingStore Test) Halves = TestRatings.Split(Data, 0.2, seed: 5);

    /// <summary>Trains the model under test.</summary>
    protected abstract IRatingModel Train(RatingStore train, int seed = 42, int threads = 1);

    /// <summary>Whether the seed changes the model (false for deterministic closed-form fits).</summary>
    protected virtual bool SeedMatters => true;

    /// <summary>The ratings the contract trains on (shared id maps with <see cref="Test"/>).</summary>
    protected static RatingStore TrainSet => Halves.Train;

    /// <summary>The held-out ratings.</summary>
    protected static RatingStore Test => Halves.Test;

    [Fact]
    public void Known_pairs_are_scored_by_the_model_within_the_scale()
    {
        IRatingModel model = Train(TrainSet);
        for (int k = 0; k < Test.Count; k++)
        {
            int u = Test.UserIndices[k], i = Test.ItemIndices[k];
            if (TrainSet.Statistics.UserCounts[u] == 0 || TrainSet.Statistics.ItemCounts[i] == 0)
            {
                continue;
            }

            Prediction p = model.PredictByIndex(u, i);
            p.Source.Should().Be(PredictionSource.Model);
            p.Value.Should().BeInRange(0.5f, 5f);
        }
    }

    [Fact]
    public void Generalizes_better_than_the_global_mean()
    {
        IRatingModel model = Train(TrainSet);
        double meanRmse = Math.Sqrt(Test.Values.ToArray().Select(v => Math.Pow(v - model.GlobalMean, 2)).Average());
        TestRatings.Rmse(model, Test).Should().BeLessThan(meanRmse * 0.9);
    }

    [Fact]
    public void Unknown_raw_ids_get_a_labelled_fallback_never_NaN()
    {
        IRatingModel model = Train(TrainSet);
        long knownUser = TrainSet.Users.GetInt64Id(TrainSet.UserIndices[0]);
        long knownItem = TrainSet.Items.GetInt64Id(TrainSet.ItemIndices[0]);

        Prediction bothUnknown = model.Predict(-5, -7);
        bothUnknown.Source.Should().Be(PredictionSource.UnknownUserAndItem);
        bothUnknown.Value.Should().Be(Math.Clamp(model.GlobalMean, 0.5f, 5f));

        Prediction userUnknown = model.Predict(-5, knownItem);
        userUnknown.Source.Should().Be(PredictionSource.UnknownUser);
        float.IsFinite(userUnknown.Value).Should().BeTrue();

        Prediction itemUnknown = model.Predict(knownUser, -7);
        itemUnknown.Source.Should().Be(PredictionSource.UnknownItem);
        float.IsFinite(itemUnknown.Value).Should().BeTrue();

        model.Predict("no such user", "no such item").Source.Should().Be(PredictionSource.UnknownUserAndItem);
        model.PredictByIndex(int.MaxValue, -1).Source.Should().Be(PredictionSource.UnknownUserAndItem);
    }

    [Fact]
    public void Raw_ids_and_dense_indices_agree()
    {
        IRatingModel model = Train(TrainSet);
        for (int k = 0; k < 50; k++)
        {
            int u = Test.UserIndices[k], i = Test.ItemIndices[k];
            model.Predict(Test.Users.GetInt64Id(u), Test.Items.GetInt64Id(i)).Should().Be(model.PredictByIndex(u, i));
            model.Predict(Test.Users.GetId(u), Test.Items.GetId(i)).Should().Be(model.PredictByIndex(u, i));
        }
    }

    [Fact]
    public void Clipping_keeps_predictions_in_the_scale_and_can_be_switched_off()
    {
        // One user rates everything 5 and one item gets 5 from everyone, while the rest is low:
        // their pair's raw score lands above the top of the scale.
        var builder = new RatingStoreBuilder();
        var rng = new Random(4);
        for (int u = 0; u < 40; u++)
        {
            for (int i = 0; i < 30; i++)
            {
                builder.Add(u, i, u == 0 || i == 0 ? 5f : 1 + rng.Next(4) * 0.5f);
            }
        }

        RatingStore extremes = builder.Build();
        IRatingModel model = Train(extremes);
        IRatingModel unclipped = model.WithClipping(false);
        unclipped.ClipsPredictions.Should().BeFalse();
        model.ClipsPredictions.Should().BeTrue();
        bool anyOutside = false;
        for (int u = 0; u < extremes.UserCount; u++)
        {
            for (int i = 0; i < extremes.ItemCount; i++)
            {
                float clipped = model.PredictByIndex(u, i).Value;
                float raw = unclipped.PredictByIndex(u, i).Value;
                clipped.Should().Be(Math.Clamp(raw, model.Scale.Min, model.Scale.Max));
                anyOutside |= raw < model.Scale.Min || raw > model.Scale.Max;
            }
        }

        anyOutside.Should().BeTrue("the favourite user's score for the favourite item exceeds 5 before clipping");
    }

    [Fact]
    public void Batch_prediction_equals_single_predictions()
    {
        IRatingModel model = Train(TrainSet);
        int[] users = [.. Test.UserIndices.ToArray(), -1, 3];
        int[] items = [.. Test.ItemIndices.ToArray(), 2, 999_999];
        var batch = new float[users.Length];
        model.PredictByIndex(users, items, batch);
        for (int k = 0; k < users.Length; k++)
        {
            batch[k].Should().Be(model.PredictByIndex(users[k], items[k]).Value);
        }

        FluentActions.Invoking(() => model.PredictByIndex(users, items, new float[1])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Concurrent_reads_see_the_same_values()
    {
        IRatingModel model = Train(TrainSet);
        float[] expected = Enumerable.Range(0, Test.Count).Select(k => model.PredictByIndex(Test.UserIndices[k], Test.ItemIndices[k]).Value).ToArray();
        var results = new float[8][];
        Parallel.For(0, 8, t =>
        {
            var mine = new float[Test.Count];
            for (int k = 0; k < Test.Count; k++)
            {
                mine[k] = model.PredictByIndex(Test.UserIndices[k], Test.ItemIndices[k]).Value;
            }

            results[t] = mine;
        });
        results.Should().AllSatisfy(r => r.Should().Equal(expected));
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_and_another_seed_another()
    {
        float[] a = PredictAll(Train(TrainSet, seed: 7));
        float[] b = PredictAll(Train(TrainSet, seed: 7));
        a.Should().Equal(b);
        if (SeedMatters)
        {
            PredictAll(Train(TrainSet, seed: 8)).Should().NotEqual(a);
        }
    }

    [Fact]
    public void The_thread_count_does_not_change_a_single_bit()
    {
        float[] one = PredictAll(Train(TrainSet, seed: 3, threads: 1));
        PredictAll(Train(TrainSet, seed: 3, threads: 2)).Should().Equal(one);
        PredictAll(Train(TrainSet, seed: 3, threads: 4)).Should().Equal(one);
    }

    [Fact]
    public void Save_and_load_give_bit_identical_predictions_and_the_same_fallbacks()
    {
        IRatingModel model = Train(TrainSet);
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream);
        stream.Position = 0;
        IRatingModel loaded = (IRatingModel)ModelSerializer.Load(stream);

        loaded.GetType().Should().Be(model.GetType());
        PredictAll(loaded).Should().Equal(PredictAll(model));
        loaded.Predict(-5, -7).Should().Be(model.Predict(-5, -7));
        loaded.ClipsPredictions.Should().Be(model.ClipsPredictions);
        loaded.Scale.Should().Be(model.Scale);
        loaded.Users.Count.Should().Be(model.Users.Count);
    }

    [Fact]
    public void Loading_something_that_is_not_a_model_says_so()
    {
        using var garbage = new MemoryStream([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        FluentActions.Invoking(() => ModelSerializer.Load(garbage)).Should().Throw<ModelFormatException>().WithMessage("*not a model file*");

        IRatingModel model = Train(TrainSet);
        using var full = new MemoryStream();
        ModelSerializer.Save(model, full);
        using var truncated = new MemoryStream(full.ToArray()[..(int)(full.Length / 2)]);
        FluentActions.Invoking(() => ModelSerializer.Load(truncated)).Should().Throw<ModelFormatException>().WithMessage("*truncated*");
    }

    private static float[] PredictAll(IRatingModel model) =>
        Enumerable.Range(0, Test.Count).Select(k => model.PredictByIndex(Test.UserIndices[k], Test.ItemIndices[k]).Value).ToArray();
}
