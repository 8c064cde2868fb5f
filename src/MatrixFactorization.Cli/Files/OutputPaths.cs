namespace MatrixFactorization.Cli.Files;

/// <summary>
/// Checks that an output can be written before a command starts, so a typo in a folder name is
/// reported at once rather than after an hour of training. These are mistakes on the command
/// line, so they are usage errors (exit code 2).
/// </summary>
internal static class OutputPaths
{
    /// <exception cref="UsageException">The path is a folder, its folder does not exist, or nothing can be created there.</exception>
    public static void Check(CommandFile output)
    {
        if (output.Path is not string path)
        {
            return;
        }

        string full = Path.GetFullPath(path);
        if (Directory.Exists(full) || Path.EndsInDirectorySeparator(path) || Path.GetFileName(full).Length == 0)
        {
            throw Usage(output, "the path is a folder; give a file name (inside it)");
        }

        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw Usage(output, $"the folder {folder} does not exist; create it first or write elsewhere");
        }

        // Creating a file is the one sure test that the folder takes a new file (the output is
        // written beside its target and renamed into place); permissions alone miss read-only
        // file systems and access rules.
        string probe = Path.Combine(folder, $".mf-write-check-{Guid.NewGuid():N}.tmp");
        try
        {
            using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Usage(output, $"no file can be written in {folder} ({e.Message.TrimEnd('.')}); check its permissions or write elsewhere");
        }
    }

    private static UsageException Usage(CommandFile output, string problem) => new($"{output.Option} {output.Path}: {problem}.");
}
