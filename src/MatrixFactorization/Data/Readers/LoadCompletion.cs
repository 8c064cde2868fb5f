using System.Diagnostics;

namespace MatrixFactorization.Data.Readers;

/// <summary>What a reader saw of its source, besides the ratings themselves.</summary>
/// <param name="Source">The file name or other description of the data.</param>
/// <param name="Format">The format read.</param>
/// <param name="LinesRead">Lines or rows read, header and blank lines included.</param>
/// <param name="BlankLines">Blank lines passed over.</param>
/// <param name="Delimiter">The field delimiter as written, or empty for database rows.</param>
/// <param name="HasHeader">Whether the first line was a header.</param>
/// <param name="Compressed">Whether the data was gzip-compressed.</param>
internal readonly record struct SourceSummary(
    string Source, RatingFormat Format, long LinesRead, long BlankLines = 0, string Delimiter = "", bool HasHeader = false, bool Compressed = false);

/// <summary>The last step every reader shares: build the store and account for every line in one report.</summary>
internal static class LoadCompletion
{
    public static LoadResult Finish(RatingStoreBuilder builder, ProblemLog problems, SourceSummary source, Stopwatch clock)
    {
        RatingStore store = builder.Build(out BuildReport build);
        var report = new LoadReport
        {
            SourceName = source.Source,
            Format = source.Format,
            Delimiter = source.Delimiter,
            HasHeader = source.HasHeader,
            Compressed = source.Compressed,
            LinesRead = source.LinesRead,
            BlankLines = source.BlankLines,
            RatingsRead = build.RatingsAdded,
            RatingsKept = build.RatingsKept,
            LinesSkipped = problems.Skipped,
            Errors = problems.Errors,
            DuplicatesResolved = build.DuplicatesResolved,
            DuplicatePairs = build.DuplicatePairs,
            HasTimestamps = store.HasTimestamps,
            Elapsed = clock.Elapsed,
        };
        return new LoadResult(store, report) { FileOrder = builder.LastFileOrder };
    }
}
