using MatrixFactorization.Data;
using MatrixFactorization.Models;

namespace MatrixFactorization.Evaluation;

/// <summary>
/// Grid or random search: cross-validates every candidate on the same folds and ranks them by one
/// metric. With seeded candidates, folds and trainer seeds the ranking is reproducible (fit times
/// vary, but do not rank).
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>Cross-validates each candidate and ranks them by the objective.</summary>
    /// <typeparam name="TOptions">The trainer's options type.</typeparam>
    /// <param name="data">All ratings.</param>
    /// <param name="candidates">From <see cref="SearchSpace{TOptions}.Grid"/> or <see cref="SearchSpace{TOptions}.Random"/>.</param>
    /// <param name="fit">Trains a model with given options on a training part.</param>
    /// <param name="objective">The metric to rank by; error metrics rank ascending, the rest descending.</param>
    /// <param name="options">Cross-validation settings, shared by every candidate; ranking options are required for ranking objectives.</param>
    /// <param name="progress">Receives each trial as it completes.</param>
    /// <param name="cancellation">Checked between folds.</param>
    /// <returns>The trials, best first.</returns>
    /// <exception cref="ArgumentException">No candidates, or a ranking objective without ranking options.</exception>
    public static SearchResult<TOptions> Run<TOptions>(
        RatingStore data,
        IReadOnlyList<SearchCandidate<TOptions>> candidates,
        Func<TOptions, RatingStore, IScoringModel> fit,
        Metric objective = Metric.Rmse,
        CrossValidationOptions? options = null,
        IProgress<SearchTrial<TOptions>>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(fit);
        options ??= new CrossValidationOptions();
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There is nothing to search.", nameof(candidates));
        }

        if (objective is not (Metric.Rmse or Metric.Mae) && options.Ranking is null)
        {
            throw new ArgumentException($"Ranking by {objective} needs ranking options in the cross-validation options.", nameof(objective));
        }

        var trials = new List<SearchTrial<TOptions>>();
        foreach (SearchCandidate<TOptions> candidate in candidates)
        {
            CrossValidationResult result = CrossValidation.Run(data, train => fit(candidate.Options, train), options, cancellation);
            MetricSummary summary = result.Get(objective);
            var trial = new SearchTrial<TOptions>(candidate, result, summary.Mean, summary.StandardDeviation);
            trials.Add(trial);
            progress?.Report(trial);
        }

        bool ascending = objective is Metric.Rmse or Metric.Mae;

        // OrderBy is stable, so equal objectives keep the candidates' order.
        SearchTrial<TOptions>[] ranked = ascending
            ? [.. trials.OrderBy(t => t.Objective)]
            : [.. trials.OrderByDescending(t => t.Objective)];
        return new SearchResult<TOptions>(objective, ranked);
    }
}
