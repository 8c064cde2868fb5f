namespace MatrixFactorization.Foundation;

/// <summary>
/// The temporary files that atomic writes leave behind when their process is killed between
/// creating the temporary file and renaming it over the target, and their removal by the next
/// write to the same target.
/// </summary>
/// <remarks>
/// A writer holds its temporary file open with <see cref="FileShare.None"/>, which .NET enforces
/// with an exclusive advisory lock on Unix and a sharing mode on Windows. So a temporary file that
/// can be opened exclusively belongs to no running writer: its process ended without renaming it,
/// and nothing will ever read it. Files younger than <see cref="MinimumAge"/> are left alone, so a
/// writer that has created its file but not yet locked it is never disturbed.
/// </remarks>
internal static class StaleTemporaryFiles
{
    /// <summary>How old a temporary file must be before a later write may remove it.</summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromSeconds(2);

    /// <summary>The name of a new temporary file for <paramref name="fullPath"/>, in the same folder.</summary>
    public static string NewName(string fullPath) =>
        Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");

    /// <summary>Removes the temporary files of earlier writes to <paramref name="fullPath"/> that no running writer holds; returns how many.</summary>
    public static int Remove(string fullPath)
    {
        string? folder = Path.GetDirectoryName(fullPath);
        if (folder is null || !Directory.Exists(folder))
        {
            return 0;
        }

        int removed = 0;
        string prefix = $".{Path.GetFileName(fullPath)}.";
        DateTime youngest = DateTime.UtcNow - MinimumAge;
        foreach (string candidate in Directory.EnumerateFiles(folder, prefix + "*.tmp"))
        {
            if (!IsTemporaryName(Path.GetFileName(candidate), prefix) || File.GetLastWriteTimeUtc(candidate) > youngest)
            {
                continue;
            }

            try
            {
                // Opening it exclusively proves no writer holds it; DeleteOnClose removes it as it closes.
                using var probe = new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
                removed++;
            }
            catch (IOException)
            {
                // Held by a running writer, or gone already: not ours to remove.
            }
            catch (UnauthorizedAccessException)
            {
                // Someone else's file in a shared folder: leave it.
            }
        }

        return removed;
    }

    // Exactly the names NewName makes: the prefix, 32 hexadecimal digits, ".tmp".
    private static bool IsTemporaryName(string name, string prefix)
    {
        ReadOnlySpan<char> middle = name.AsSpan(prefix.Length, name.Length - prefix.Length - ".tmp".Length);
        if (middle.Length != 32)
        {
            return false;
        }

        foreach (char c in middle)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
