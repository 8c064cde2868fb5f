using MatrixFactorization.Data;

namespace MatrixFactorization.Cli;

/// <summary>Loads rating files for the commands, with the options they share.</summary>
internal static class DataLoading
{
    public static LoadResult Load(string path, RatingFormat format, DuplicatePolicy duplicates, bool skipBadLines, int threads = 0) =>
        RatingReader.Read(path, new RatingReadOptions { Format = format, Duplicates = duplicates, SkipBadLines = skipBadLines, Threads = threads });
}
