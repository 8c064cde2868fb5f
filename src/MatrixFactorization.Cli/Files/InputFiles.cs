namespace MatrixFactorization.Cli.Files;

/// <summary>
/// Checks that an input can be opened before a command starts: a folder, a missing file or one
/// the user may not read would otherwise surface as a raw system error, or only after other work.
/// What is inside the file is the readers' business; they name the file, line and value.
/// </summary>
internal static class InputFiles
{
    /// <exception cref="BadDataException">The file is missing, a folder or cannot be opened for reading.</exception>
    public static void Check(CommandFile input)
    {
        if (input.Path is not string path)
        {
            return;
        }

        if (Directory.Exists(path))
        {
            throw Bad(input, "the path is a folder, not a file; give the path of the file inside it");
        }

        if (!File.Exists(path))
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            throw Bad(input, folder is not null && !Directory.Exists(folder)
                ? $"the file does not exist (nor does its folder {folder}); check the path"
                : "the file does not exist; check the path");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(input, $"the file cannot be opened for reading ({e.Message.TrimEnd('.')}); check its permissions");
        }
    }

    private static BadDataException Bad(CommandFile input, string problem) => new($"{input.Option} {input.Path}: {problem}.");
}
