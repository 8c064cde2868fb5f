using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;

namespace MatrixFactorization.Cli;

/// <summary>Loads rating files for the commands, with the options they share.</summary>
internal static class DataLoading
{
    public static LoadResult Load(
        string path, RatingFormat format, DuplicatePolicy duplicates, bool skipBadLines, int threads = 0, CommandProgress? progress = null, bool stringIds = false, bool keepFileOrder = false)
    {
        ProgressBar? bar = progress?.Begin($"load {Path.GetFileName(path)}", File.Exists(path) ? new FileInfo(path).Length : null);
        // A snapshot is known by its magic number, whatever its name; the text options do not apply to it.
        LoadResult result = RatingSnapshot.IsSnapshot(path) ? RatingSnapshot.Read(path) : RatingReader.Read(
            path,
            new RatingReadOptions
            {
                Format = format,
                Duplicates = duplicates,
                SkipBadLines = skipBadLines,
                Threads = threads,
                Progress = bar is null ? null : new ByteProgress(bar),
                Ids = stringIds ? IdKind.String : null,
                KeepFileOrder = keepFileOrder,
            });
        bar?.Complete(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.Store.Count:N0} ratings"));
        return result;
    }
}
