namespace MatrixFactorization.Cli.Files;

/// <summary>
/// Whether two paths lead to the same file: full paths with every symbolic link resolved, in the
/// file's folders as well as the file itself, compared as the platform's file names compare.
/// Hard links are not detected (.NET has no portable way to read a file's identity), and need not
/// be: every output is written under a temporary name and renamed into place, which replaces the
/// name and leaves the content another name holds untouched.
/// </summary>
internal static class FileIdentity
{
    // Deeper link chains than this are loops; the kernel gives up at 40 too.
    private const int MaxLinks = 40;

    /// <summary>Windows and macOS file systems ignore case by default; Linux's respect it.</summary>
    public static StringComparer Comparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>The full path with every symbolic link along it resolved; parts that do not exist yet are kept as given.</summary>
    public static string Resolve(string path) => Resolve(Path.GetFullPath(path), 0);

    private static string Resolve(string full, int depth)
    {
        string root = Path.GetPathRoot(full) ?? string.Empty;
        string[] parts = full[root.Length..].Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        string current = root;
        for (int k = 0; k < parts.Length; k++)
        {
            string next = Path.Combine(current, parts[k]);
            string? target = depth < MaxLinks ? LinkTarget(next) : null;
            if (target is not null)
            {
                // The target may itself pass through links: resolve the rest of the path again.
                return Resolve(Path.GetFullPath(Path.Combine([target, .. parts[(k + 1)..]])), depth + 1);
            }

            current = next;
        }

        return current;
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            return info.LinkTarget is null ? null : info.ResolveLinkTarget(returnFinalTarget: false)?.FullName;
        }
        catch (IOException)
        {
            // A broken or looping link names no file we could read or replace through it.
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
