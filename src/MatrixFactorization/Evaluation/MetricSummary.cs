namespace MatrixFactorization.Evaluation;

/// <summary>The mean and spread of one metric over cross-validation folds.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Mean">The mean over folds.</param>
/// <param name="StandardDeviation">The sample standard deviation over folds (0 for a single fold).</param>
/// <param name="Values">The per-fold values, in fold order.</param>
public sealed record MetricSummary(Metric Metric, double Mean, double StandardDeviation, IReadOnlyList<double> Values)
{
    /// <summary>Whether smaller values of this metric are better (the error metrics).</summary>
    public bool LowerIsBetter => Metric is Metric.Rmse or Metric.Mae;

    internal static (double Mean, double StandardDeviation) Describe(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 0);
        }

        double mean = values.Average();
        double squares = values.Sum(v => (v - mean) * (v - mean));
        return (mean, values.Count < 2 ? 0 : Math.Sqrt(squares / (values.Count - 1)));
    }
}
