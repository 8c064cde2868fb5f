using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MatrixFactorization.Benchmarks.Data;

/// <summary>Millions of ratings per second, from the mean time per rating (the benchmarks set
/// OperationsPerInvoke to the rating count, so Mean is already per rating).</summary>
internal sealed class RatingsPerSecondColumn : IColumn
{
    public string Id => nameof(RatingsPerSecondColumn);

    public string ColumnName => "M ratings/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Millions of ratings read into the store per second (1e3 / Mean in ns)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        BenchmarkReport? report = summary[benchmarkCase];
        double? nanoseconds = report?.ResultStatistics?.Mean;
        return nanoseconds is double ns && ns > 0 ? (1e3 / ns).ToString("N1", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
