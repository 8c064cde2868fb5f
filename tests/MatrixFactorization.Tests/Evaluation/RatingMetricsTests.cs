using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;

namespace MatrixFactorization.Tests.Evaluation;

public sealed class RatingMetricsTests
{
    [Fact]
    public void Errors_match_a_hand_computation_and_raw_ids_are_matched_across_maps()
    {
        var train = new RatingStoreBuilder();
        train.Add(1, 10, 4f);
        train.Add(2, 20, 2f);
        RatingStore trainStore = train.Build();

        // The test store has its own maps, in another order, and one unknown user (3).
        var test = new RatingStoreBuilder();
        test.Add(2, 10, 5f);   // known pair: predicted 3 → error 2
        test.Add(1, 20, 2f);   // known pair: predicted 3 → error -1
        test.Add(3, 10, 3.5f); // unknown user: fallback 3 → error 0.5
        RatingAccuracy accuracy = RatingMetrics.Evaluate(new ConstantModel(trainStore, 3f), test.Build());

        accuracy.Count.Should().Be(3);
        accuracy.Fallbacks.Should().Be(1);
        accuracy.Mse.Should().BeApproximately((4 + 1 + 0.25) / 3, 1e-12);
        accuracy.Rmse.Should().BeApproximately(Math.Sqrt((4 + 1 + 0.25) / 3), 1e-12);
        accuracy.Mae.Should().BeApproximately((2 + 1 + 0.5) / 3, 1e-12);
    }

    /// <summary>Predicts one value for every pair; unknown raw ids are fallbacks.</summary>
    private sealed class ConstantModel(RatingStore store, float value) : IRatingModel
    {
        public IdMap Users => store.Users;

        public IdMap Items => store.Items;

        public RatingScale Scale => new(1, 5);

        public bool ClipsPredictions => false;

        public float GlobalMean => value;

        public bool IsKnownUser(int userIndex) => (uint)userIndex < (uint)store.UserCount;

        public bool IsKnownItem(int itemIndex) => (uint)itemIndex < (uint)store.ItemCount;

        public Prediction PredictByIndex(int userIndex, int itemIndex) =>
            new(value, IsKnownUser(userIndex) && IsKnownItem(itemIndex) ? PredictionSource.Model : PredictionSource.UnknownUser);

        public Prediction Predict(long userId, long itemId) => throw new NotSupportedException();

        public Prediction Predict(string userId, string itemId) => throw new NotSupportedException();

        public void PredictByIndex(ReadOnlySpan<int> userIndices, ReadOnlySpan<int> itemIndices, Span<float> destination) => throw new NotSupportedException();

        public void ScoreItems(int userIndex, Span<float> scores) => throw new NotSupportedException();

        public void ScoreItems(int userIndex, ReadOnlySpan<int> itemIndices, Span<float> scores) => throw new NotSupportedException();

        public IRatingModel WithClipping(bool clip) => this;
    }
}
