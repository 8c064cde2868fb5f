namespace MatrixFactorization.Tests.Support;

/// <summary>Counts the bytes that work allocates on the calling thread.</summary>
internal static class Allocations
{
    /// <summary>
    /// Runs <paramref name="work"/> in several windows and returns the fewest bytes the calling
    /// thread allocated in any one of them. Allocation by the code under test recurs in every
    /// window; the runtime's own one-off work on this thread (promoting a method to optimized code,
    /// a type's first use on a path) lands in one window now and then, and must not fail a test.
    /// </summary>
    public static long FewestPerWindow(Action work, int windows = 4)
    {
        long fewest = long.MaxValue;
        for (int window = 0; window < windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            work();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
