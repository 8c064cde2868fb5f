namespace MatrixFactorization.Cli.Files;

/// <summary>
/// Writes a text output so that it is never seen half-written: the text goes to a temporary file
/// beside the target, is flushed to disk and renamed over it in one step. A failure or a kill
/// leaves the old file or the new one, and no temporary file after a failure.
/// </summary>
internal static class AtomicOutput
{
    public static void WriteText(string path, Action<TextWriter> write)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new UsageException($"{path} names no file.");
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
                {
                    write(writer);
                }

                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
