using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Evaluation;

/// <summary>Rating-prediction metrics: RMSE, MAE and MSE of a model on held-out ratings.</summary>
public static class RatingMetrics
{
    /// <summary>
    /// Scores every rating of <paramref name="test"/>. When the test store shares the model's id
    /// maps (a split of the training store) dense indices are used directly; otherwise ratings are
    /// matched by raw id, so a test file loaded on its own works too. Unknown users or items are
    /// scored by the model's fallback and counted in <see cref="RatingAccuracy.Fallbacks"/>.
    /// </summary>
    /// <param name="model">The trained model.</param>
    /// <param name="test">The held-out ratings; at least one.</param>
    /// <returns>The errors.</returns>
    /// <exception cref="EmptyDataException"><paramref name="test"/> has no ratings: no error is defined then.</exception>
    public static RatingAccuracy Evaluate(IRatingModel model, RatingStore test)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        EmptyDataException.ThrowIfNoTestRatings(test, nameof(test));
        int[] users = IdTranslation.Map(test.Users, model.Users);
        int[] items = IdTranslation.Map(test.Items, model.Items);
        double squared = 0, absolute = 0;
        int fallbacks = 0;
        ReadOnlySpan<float> values = test.Values;
        for (int k = 0; k < values.Length; k++)
        {
            Prediction p = model.PredictByIndex(users[test.UserIndices[k]], items[test.ItemIndices[k]]);
            double error = values[k] - p.Value;
            squared += error * error;
            absolute += Math.Abs(error);
            fallbacks += p.IsFallback ? 1 : 0;
        }

        int n = values.Length;
        double mse = squared / n;
        return new RatingAccuracy(Math.Sqrt(mse), absolute / n, mse, n, fallbacks);
    }
}
