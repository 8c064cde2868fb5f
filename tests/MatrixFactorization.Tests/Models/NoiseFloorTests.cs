using MatrixFactorization.Data.Splits;
using MatrixFactorization.Data.Synthetic;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Models;

/// <summary>
/// On data drawn from a planted biased MF model, no predictor can beat the noise: the planted
/// model's own error on the held-out ratings is the floor. A good trainer gets close to it.
/// </summary>
public sealed class NoiseFloorTests
{
    [Fact]
    public void Biased_MF_gets_within_0_03_of_the_noise_floor_in_20_epochs()
    {
        var options = new SyntheticOptions { Users = 2_000, Items = 1_000, Ratings = 600_000, Rank = 8, Seed = 3 };
        SyntheticDataset data = new SyntheticRatingGenerator(options).Generate();
        RatingSplit split = RatingSplitter.Holdout(data.Store, new HoldoutOptions { TestFraction = 0.1, Seed = 1 });

        double floor = 0;
        for (int k = 0; k < split.Test.Count; k++)
        {
            int user = (int)split.Test.Users.GetInt64Id(split.Test.UserIndices[k]);
            int item = (int)split.Test.Items.GetInt64Id(split.Test.ItemIndices[k]);
            double error = split.Test.Values[k] - data.Model.Predict(user, item);
            floor += error * error;
        }

        floor = Math.Sqrt(floor / split.Test.Count);

        // The planted signal is weak next to the noise (sd 0.5), so the factors want less
        // regularization than the MovieLens-tuned defaults.
        var trainer = new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions
        {
            FactorCount = 8, Epochs = 20, LearningRate = 0.01f, FactorRegularization = 0.02f,
        });
        RatingAccuracy accuracy = RatingMetrics.Evaluate(trainer.Fit(split.Train), split.Test);

        floor.Should().BeApproximately(options.NoiseSd, 0.02, "the floor is the noise that was added");
        accuracy.Rmse.Should().BeGreaterThan(floor - 0.01, "nothing beats the noise floor by more than chance");
        accuracy.Rmse.Should().BeLessThan(floor + 0.03);
    }
}
