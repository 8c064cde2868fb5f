namespace MatrixFactorization.Evaluation;

/// <summary>A metric cross-validation reports and search can optimize.</summary>
public enum Metric
{
    /// <summary>Root mean squared error of the predicted ratings (lower is better).</summary>
    Rmse,

    /// <summary>Mean absolute error of the predicted ratings (lower is better).</summary>
    Mae,

    /// <summary>Precision at K.</summary>
    Precision,

    /// <summary>Recall at K.</summary>
    Recall,

    /// <summary>Normalized discounted cumulative gain at K.</summary>
    Ndcg,

    /// <summary>Mean average precision at K.</summary>
    MeanAveragePrecision,

    /// <summary>Hit rate at K.</summary>
    HitRate,

    /// <summary>Mean reciprocal rank within K.</summary>
    MeanReciprocalRank,

    /// <summary>Catalog coverage of the top-K lists.</summary>
    CatalogCoverage,
}
