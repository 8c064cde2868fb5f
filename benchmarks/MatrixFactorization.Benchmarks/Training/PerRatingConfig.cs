using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace MatrixFactorization.Benchmarks.Training;

/// <summary>Adds ns per rating and updates per second per thread to the epoch table.</summary>
public sealed class PerRatingConfig : ManualConfig
{
    public PerRatingConfig()
    {
        AddColumn(new PerRatingColumn(perThread: false));
        AddColumn(new PerRatingColumn(perThread: true));
    }

    private sealed class PerRatingColumn(bool perThread) : IColumn
    {
        public string Id => perThread ? "UpdatesPerSecPerThread" : "NsPerRating";

        public string ColumnName => perThread ? "M updates/s/thread" : "ns/rating";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => perThread ? 1 : 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => perThread
            ? "Million SGD updates per second divided by the thread count"
            : "Nanoseconds of wall time per rating (all threads together)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            BenchmarkReport? report = summary[benchmarkCase];
            if (report?.ResultStatistics is null)
            {
                return "-";
            }

            double nsPerRating = report.ResultStatistics.Mean / TrainingEpochBench.Ratings;
            if (!perThread)
            {
                return nsPerRating.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            }

            int threads = (int)benchmarkCase.Parameters["Threads"];
            return (1e3 / nsPerRating / threads).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
