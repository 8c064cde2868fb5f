namespace MatrixFactorization.Data.Readers;

/// <summary>Opens files for the readers, turning a missing file into a typed error.</summary>
internal static class RatingFiles
{
    public static FileStream OpenRead(string path, bool asynchronous)
    {
        try
        {
            // No FileStream buffer: the readers read in large blocks of their own.
            return new FileStream(
                path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read,
                bufferSize: 0,
                FileOptions.SequentialScan | (asynchronous ? FileOptions.Asynchronous : FileOptions.None));
        }
        catch (FileNotFoundException e)
        {
            throw Missing(path, "the file does not exist", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw Missing(path, "the folder of the file does not exist", e);
        }
        catch (UnauthorizedAccessException e) when (Directory.Exists(path))
        {
            throw new RatingDataException("the path is a folder, not a file", path, hint: "Give the path of the rating file inside it.", innerException: e);
        }
    }

    /// <summary>The stream's data, decompressed when it starts with the gzip magic bytes; works on
    /// streams that cannot seek. Disposing the result leaves <paramref name="stream"/> open.</summary>
    public static Stream Decompress(Stream stream)
    {
        byte[] head = new byte[2];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var joined = new PrefixedStream(head[..read], stream);
        return read == 2 && head[0] == 0x1F && head[1] == 0x8B
            ? new CheckedGzipStream(joined)
            : joined;
    }

    private static RatingDataException Missing(string path, string problem, IOException e) =>
        new(problem, path, hint: $"Check the path; a relative path starts at the current directory, {Environment.CurrentDirectory}.", innerException: e);
}
