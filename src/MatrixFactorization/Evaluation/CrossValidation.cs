using System.Diagnostics;
using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Data.Splits;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Evaluation;

/// <summary>Repeated k-fold cross-validation of any trainer.</summary>
public static class CrossValidation
{
    /// <summary>
    /// Partitions the ratings into folds (seeded, so reproducible), trains on all folds but one and
    /// measures on the held-out one, for every fold and repetition. Held-out ratings of users or
    /// items absent from a fold's training part are dropped, as <see cref="RatingSplitter.KFold"/>
    /// does by default, so every score is of the model proper rather than its fallback.
    /// </summary>
    /// <param name="data">All ratings.</param>
    /// <param name="fit">Trains a model on a training part. Rating accuracy is measured when it returns an <see cref="IRatingModel"/>; ranking accuracy for any model when the options ask for it.</param>
    /// <param name="options">Folds, repeats, seed and optional ranking metrics; defaults when null.</param>
    /// <param name="cancellation">Checked between folds.</param>
    /// <returns>Per-fold results with mean and standard deviation per metric and of the fit time.</returns>
    /// <exception cref="EmptyDataException">A fold has no test rating left once the ratings of users and
    /// items absent from its training part are dropped, or (with ranking metrics) no test user with a
    /// relevant rating: the data is too small or too sparse for that many folds.</exception>
    public static CrossValidationResult Run(
        RatingStore data, Func<RatingStore, IScoringModel> fit, CrossValidationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fit);
        options ??= new CrossValidationOptions();
        var folds = new List<FoldResult>();
        for (int repeat = 0; repeat < options.Repeats; repeat++)
        {
            int fold = 0;
            foreach (RatingSplit split in RatingSplitter.KFold(data, new KFoldOptions { Folds = options.Folds, Seed = options.Seed + (ulong)repeat }))
            {
                cancellation.ThrowIfCancellationRequested();
                if (split.Test.Count == 0)
                {
                    throw new EmptyDataException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Fold {fold + 1} of {options.Folds} (repetition {repeat + 1}) has no test ratings: every held-out rating's user or item is absent from the fold's training part, so the fold cannot be scored. Use fewer folds, or more ratings per user and item."),
                        nameof(data));
                }

                long start = Stopwatch.GetTimestamp();
                IScoringModel model = fit(split.Train);
                TimeSpan fitTime = Stopwatch.GetElapsedTime(start);
                RatingAccuracy? accuracy = model is IRatingModel rating ? RatingMetrics.Evaluate(rating, split.Test) : null;
                RankingAccuracy? ranking = options.Ranking is null ? null : Rank(model, split, options, repeat, fold);
                folds.Add(new FoldResult(repeat, fold++, accuracy, ranking, fitTime));
            }
        }

        return new CrossValidationResult(folds);
    }

    private static RankingAccuracy Rank(IScoringModel model, RatingSplit split, CrossValidationOptions options, int repeat, int fold)
    {
        try
        {
            return RankingMetrics.Evaluate(new Recommender(model, split.Train, options.MinimumItemRatings), split.Test, options.Ranking);
        }
        catch (EmptyDataException e)
        {
            throw new EmptyDataException(
                string.Create(CultureInfo.InvariantCulture, $"Fold {fold + 1} of {options.Folds} (repetition {repeat + 1}) has no test user with a held-out rating at or above the relevance threshold {options.Ranking!.RelevanceThreshold}, so its lists cannot be scored. Use fewer folds, or lower RankingOptions.RelevanceThreshold."),
                e);
        }
    }
}
