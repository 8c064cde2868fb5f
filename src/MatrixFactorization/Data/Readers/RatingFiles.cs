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
    }

    private static RatingDataException Missing(string path, string problem, IOException e) =>
        new(problem, path, hint: $"Check the path; a relative path starts at the current directory, {Environment.CurrentDirectory}.", innerException: e);
}
