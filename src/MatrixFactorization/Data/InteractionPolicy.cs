using System.Globalization;

namespace MatrixFactorization.Data;

/// <summary>
/// How explicit ratings become interactions for the models that learn from what people chose
/// (popularity, implicit ALS, BPR, EASE): which ratings count, and what each weighs. The three
/// policies people use: every rating is an interaction; only ratings at or above a threshold are
/// (a 2-star rating is a choice the user regretted); or every rating is an interaction whose
/// weight is the rating (the confidence of implicit ALS grows with it).
/// </summary>
public sealed record InteractionPolicy
{
    private InteractionPolicy(float? minimumRating, bool ratingIsWeight)
    {
        MinimumRating = minimumRating;
        RatingIsWeight = ratingIsWeight;
    }

    /// <summary>Every rating is an interaction of weight 1.</summary>
    public static InteractionPolicy EveryRating { get; } = new(null, false);

    /// <summary>Every rating is an interaction weighted by its value.</summary>
    public static InteractionPolicy RatingAsWeight { get; } = new(null, true);

    /// <summary>The lowest rating that counts, or null when every rating does.</summary>
    public float? MinimumRating { get; }

    /// <summary>Whether an interaction weighs its rating (otherwise 1).</summary>
    public bool RatingIsWeight { get; }

    /// <summary>Only ratings at or above <paramref name="threshold"/> are interactions, of weight 1.</summary>
    /// <param name="threshold">The lowest rating that counts; finite.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The threshold is not finite.</exception>
    public static InteractionPolicy RatingsAtLeast(float threshold) =>
        float.IsFinite(threshold)
            ? new(threshold, false)
            : throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be a finite rating.");

    /// <summary>
    /// Turns ratings into interactions. The result shares the ratings' id maps, so users and items
    /// keep their indices; a user or item all of whose ratings fall below the threshold stays in
    /// the maps but has no interaction (models treat it as unknown).
    /// </summary>
    /// <param name="ratings">The explicit ratings.</param>
    /// <returns>The interactions and how many ratings were left out.</returns>
    public InteractionSet Apply(RatingStore ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        RatingStore kept = ratings;
        if (MinimumRating is float minimum)
        {
            ReadOnlySpan<float> values = ratings.Values;
            var positions = new List<int>(values.Length);
            for (int k = 0; k < values.Length; k++)
            {
                if (values[k] >= minimum)
                {
                    positions.Add(k);
                }
            }

            kept = positions.Count == values.Length ? ratings : ratings.Subset(positions.ToArray());
        }

        RatingStore interactions = RatingIsWeight ? kept : kept.WithValues(Ones(kept.Count));
        return new InteractionSet(interactions, ratings.Count - kept.Count, this);
    }

    /// <summary>The policy in words, for reports: "every rating", "ratings ≥ 4", "every rating, weighted by its value".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => (MinimumRating, RatingIsWeight) switch
    {
        (float minimum, _) => string.Create(CultureInfo.InvariantCulture, $"ratings ≥ {minimum}"),
        (null, true) => "every rating, weighted by its value",
        _ => "every rating",
    };

    private static float[] Ones(int count)
    {
        var ones = new float[count];
        Array.Fill(ones, 1f);
        return ones;
    }
}
