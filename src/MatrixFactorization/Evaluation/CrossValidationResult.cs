namespace MatrixFactorization.Evaluation;

/// <summary>Per-fold measurements of a cross-validation and their mean and standard deviation.</summary>
public sealed class CrossValidationResult
{
    internal CrossValidationResult(IReadOnlyList<FoldResult> folds)
    {
        Folds = folds;
        var metrics = new List<MetricSummary>();
        if (folds.Count > 0 && folds.All(f => f.Accuracy is not null))
        {
            metrics.Add(Summarize(Metric.Rmse, f => f.Accuracy!.Rmse));
            metrics.Add(Summarize(Metric.Mae, f => f.Accuracy!.Mae));
        }

        if (folds.Count > 0 && folds.All(f => f.Ranking is not null))
        {
            metrics.Add(Summarize(Metric.Precision, f => f.Ranking!.Precision));
            metrics.Add(Summarize(Metric.Recall, f => f.Ranking!.Recall));
            metrics.Add(Summarize(Metric.Ndcg, f => f.Ranking!.Ndcg));
            metrics.Add(Summarize(Metric.MeanAveragePrecision, f => f.Ranking!.MeanAveragePrecision));
            metrics.Add(Summarize(Metric.HitRate, f => f.Ranking!.HitRate));
            metrics.Add(Summarize(Metric.MeanReciprocalRank, f => f.Ranking!.MeanReciprocalRank));
            metrics.Add(Summarize(Metric.CatalogCoverage, f => f.Ranking!.CatalogCoverage));
        }

        Metrics = metrics;
        double[] seconds = folds.Select(f => f.FitTime.TotalSeconds).ToArray();
        (double mean, double sd) = MetricSummary.Describe(seconds);
        FitSecondsMean = mean;
        FitSecondsStandardDeviation = sd;
    }

    /// <summary>Every fold, in repetition and fold order.</summary>
    public IReadOnlyList<FoldResult> Folds { get; }

    /// <summary>Mean and standard deviation per metric: the rating errors, then the ranking metrics when computed.</summary>
    public IReadOnlyList<MetricSummary> Metrics { get; }

    /// <summary>Mean training time per fold, in seconds.</summary>
    public double FitSecondsMean { get; }

    /// <summary>Sample standard deviation of the training time per fold, in seconds.</summary>
    public double FitSecondsStandardDeviation { get; }

    /// <summary>The summary of one metric.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Its summary.</returns>
    /// <exception cref="KeyNotFoundException">The metric was not computed (ranking metrics without ranking options).</exception>
    public MetricSummary Get(Metric metric) =>
        Metrics.FirstOrDefault(m => m.Metric == metric) ?? throw new KeyNotFoundException($"{metric} was not computed in this cross-validation.");

    private MetricSummary Summarize(Metric metric, Func<FoldResult, double> value)
    {
        double[] values = Folds.Select(value).ToArray();
        (double mean, double sd) = MetricSummary.Describe(values);
        return new MetricSummary(metric, mean, sd, values);
    }
}
