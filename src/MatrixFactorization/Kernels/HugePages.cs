using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// Asks Linux to back large factor matrices with 2 MiB pages. Training reaches item and user rows
/// all over matrices of tens of megabytes; with 4 KiB pages nearly every row is a different page,
/// and the translation misses cost measurably (the page-size benchmark compares the two). This
/// is advice only: where transparent huge pages are off, or on any other
/// system, nothing changes but the page size.
/// </summary>
internal static partial class HugePages
{
    private const int AdviseHugePage = 14;
    private const long HugePageBytes = 2 * 1024 * 1024;

    /// <summary>Below this, a matrix spans too few huge pages to matter.</summary>
    internal const long MinimumBytes = 4 * HugePageBytes;

    /// <summary>Off in benchmarks that compare the two page sizes.</summary>
    internal static bool Enabled { get; set; } = true;

    /// <summary>
    /// Advises huge pages for the whole 2 MiB pages inside <paramref name="storage"/>, which must be
    /// pinned and not yet touched, so that its first writes fault in huge pages.
    /// </summary>
    public static unsafe void Advise(float[] storage)
    {
        if (!Enabled || !OperatingSystem.IsLinux() || (long)storage.Length * sizeof(float) < MinimumBytes)
        {
            return;
        }

        // SAFETY: the array is pinned, so its address is fixed; only whole pages inside it are advised.
        long first = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        long start = (first + HugePageBytes - 1) & ~(HugePageBytes - 1);
        long end = (first + ((long)storage.Length * sizeof(float))) & ~(HugePageBytes - 1);
        if (end <= start)
        {
            return;
        }

        try
        {
            // The result is ignored on purpose: a refusal (huge pages disabled) leaves ordinary pages.
            _ = Advise((nint)start, (nuint)(end - start), AdviseHugePage);
        }
        catch (DllNotFoundException)
        {
            // A C library under another name: ordinary pages.
        }
        catch (EntryPointNotFoundException)
        {
            // No madvise: ordinary pages.
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Advise(nint address, nuint length, int advice);
}
