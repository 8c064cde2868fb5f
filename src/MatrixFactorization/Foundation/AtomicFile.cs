namespace MatrixFactorization.Foundation;

/// <summary>
/// Writes a file so that it is never seen half-written: the content goes to a temporary file in
/// the same folder, is flushed to disk, and is then renamed over the target in one step. A crash or
/// a kill leaves the old file or the new one, never a part; a failed write leaves no temporary file,
/// and the temporary file a kill leaves is removed by the next write to the same target.
/// </summary>
internal static class AtomicFile
{
    public static T Write<T>(string path, int bufferSize, Func<FileStream, T> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        _ = Path.GetDirectoryName(full) ?? throw new ArgumentException($"{path} names no file.", nameof(path));
        StaleTemporaryFiles.Remove(full);
        string temporary = StaleTemporaryFiles.NewName(full);
        try
        {
            T result;
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize))
            {
                result = write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static void Write(string path, int bufferSize, Action<FileStream> write) =>
        Write(path, bufferSize, stream =>
        {
            write(stream);
            return true;
        });
}
