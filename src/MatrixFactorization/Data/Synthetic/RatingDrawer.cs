using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data.Synthetic;

/// <summary>Draws one user's ratings: which items, and the noisy, optionally rounded values.</summary>
internal sealed class RatingDrawer(SyntheticOptions options, PlantedModel model, ItemSampler items)
{
    // Items are visited in ascending but scattered order; fetching a few ahead hides the
    // cache misses on their factors, which otherwise dominate at large item counts.
    private const int PrefetchDistance = 4;

    private readonly bool _round = options.RoundToHalfStars;
    private readonly double _noiseSd = options.NoiseSd;
    private readonly ulong _seed = options.Seed;

    public ItemSampler.Scratch CreateScratch() => items.CreateScratch();

    /// <summary>
    /// Fills the user's items (ascending) and values from the user's own random stream, and returns
    /// the sum of squared differences between the values and the planted mean ratings.
    /// </summary>
    public double Draw(int user, Span<int> userItems, Span<float> values, ItemSampler.Scratch scratch)
    {
        var random = SeededRandom.ForStream(_seed, StreamPurpose.UserRatings, (ulong)user);
        items.Sample(ref random, userItems, scratch);
        for (int k = 0; k < Math.Min(PrefetchDistance, userItems.Length); k++)
        {
            model.Prefetch(userItems[k]);
        }

        double squaredError = 0;
        for (int k = 0; k < userItems.Length; k++)
        {
            if (k + PrefetchDistance < userItems.Length)
            {
                model.Prefetch(userItems[k + PrefetchDistance]);
            }

            double mean = model.PredictUnchecked(user, userItems[k]);
            double rating = mean + (_noiseSd * random.NextGaussian());
            float value = _round ? RoundToHalfStar(rating) : (float)rating;
            values[k] = value;
            double error = value - mean;
            squaredError += error * error;
        }

        return squaredError;
    }

    private static float RoundToHalfStar(double rating) => (float)Math.Clamp(Math.Round(rating * 2, MidpointRounding.AwayFromZero) / 2, 0.5, 5);
}
