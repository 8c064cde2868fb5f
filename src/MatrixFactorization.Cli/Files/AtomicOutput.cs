using MatrixFactorization.Foundation;

namespace MatrixFactorization.Cli.Files;

/// <summary>
/// Writes a text output so that it is never seen half-written, through the library's atomic write:
/// the text goes to a temporary file beside the target, is flushed to disk and renamed over it in
/// one step. A failure or a kill leaves the old file or the new one; a failure leaves no temporary
/// file, and the one a kill leaves is removed by the next write to the same target.
/// </summary>
internal static class AtomicOutput
{
    public static void WriteText(string path, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        _ = Path.GetDirectoryName(full) ?? throw new UsageException($"{path} names no file.");
        AtomicFile.Write(full, 1 << 16, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });
    }
}
