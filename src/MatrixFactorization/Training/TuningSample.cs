using MatrixFactorization.Data;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Training;

/// <summary>
/// The part of the training data an <see cref="AutoTuner"/> trains its trials on and the part it
/// scores them with. Whole users are taken in a seeded order, so each keeps the rating count the
/// full data gives it (the count weighted penalties and the per-user estimation error depend on);
/// then a seeded share of each user's ratings is held out, never a user's only rating.
/// </summary>
internal sealed record TuningSample(RatingStore Fit, RatingStore Validation, int Users)
{
    /// <summary>The fewest ratings a sample may train on.</summary>
    public const int MinimumFitRatings = 200;

    /// <summary>The fewest held-out ratings that score a trial.</summary>
    public const int MinimumValidationRatings = 50;

    // Independent streams of one seed: the user order and the held-out draw.
    private const ulong UserOrderStream = 1;
    private const ulong HoldoutStream = 2;

    public static TuningSample Draw(RatingStore train, AutoTuneOptions options)
    {
        ReadOnlySpan<int> offsets = train.UserOffsets;
        var order = new int[train.UserCount];
        for (int u = 0; u < order.Length; u++)
        {
            order[u] = u;
        }

        SeededRandom.ForStream(options.Seed, UserOrderStream, 0).Shuffle(order);
        var taken = new List<int>();
        long room = options.MaxSampleRatings;
        foreach (int u in order)
        {
            int n = offsets[u + 1] - offsets[u];
            if (n > 0 && n <= room)
            {
                taken.Add(u);
                room -= n;
            }
        }

        // Users in store order, so the draw below does not depend on the shuffle's order of them.
        taken.Sort();
        var fit = new List<int>();
        var validation = new List<int>();
        SeededRandom holdout = SeededRandom.ForStream(options.Seed, HoldoutStream, 0);
        foreach (int u in taken)
        {
            int first = offsets[u];
            int n = offsets[u + 1] - first;
            for (int p = first; p < first + n; p++)
            {
                bool held = n >= 2 && holdout.NextDouble() < options.ValidationFraction;
                (held ? validation : fit).Add(p);
            }
        }

        if (fit.Count < MinimumFitRatings || validation.Count < MinimumValidationRatings)
        {
            throw new EmptyDataException(
                $"Automatic tuning needs at least {MinimumFitRatings} training and {MinimumValidationRatings} held-out ratings in its sample; " +
                $"the {train.Count} training ratings gave {fit.Count} and {validation.Count}. Give more training data, a larger validation fraction, or set the options by hand.",
                nameof(train));
        }

        return new TuningSample(train.Subset(fit.ToArray()), train.Subset(validation.ToArray()), taken.Count);
    }
}
