using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>Software prefetch of factor rows (x86 only; elsewhere a no-op the JIT removes).</summary>
internal static class Prefetcher
{
    private const int CacheLineFloats = 16;

    /// <summary>Prefetches row <paramref name="row"/> of <paramref name="matrix"/> into L1.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="row">A row of the matrix.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row(FactorMatrix matrix, int row) =>
        Row(ref MemoryMarshal.GetReference(matrix.PaddedStorage), row, matrix.Stride);

    /// <summary>Asks for the cache line holding one value, <paramref name="index"/> floats past <paramref name="first"/>: an entry of a large table read at a scattered index.</summary>
    /// <param name="first">The table's first value.</param>
    /// <param name="index">The entry.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Value(ref float first, int index) => Line(ref Unsafe.Add(ref first, index));

    /// <summary>Prefetches the cache line that holds <paramref name="value"/> into L1.</summary>
    /// <param name="value">A float of an array.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Line(ref float value)
    {
        if (Sse.IsSupported)
        {
            // SAFETY: a prefetch never faults; for an array the garbage collector may move, a
            // stale address only wastes the instruction.
            Sse.Prefetch0(Unsafe.AsPointer(ref value));
        }
    }

    /// <summary>Prefetches row <paramref name="row"/> of a padded matrix into L1.</summary>
    /// <param name="matrix">The first float of the matrix's padded storage.</param>
    /// <param name="row">The row.</param>
    /// <param name="stride">Floats per padded row: a multiple of a cache line.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Row(ref float matrix, int row, int stride)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        // SAFETY: the storage is pinned, so the address is stable, and a prefetch never faults:
        // an address past the end would only waste the instruction.
        float* start = (float*)Unsafe.AsPointer(ref Unsafe.Add(ref matrix, (nint)row * stride));

        // The common widths written out: where the caller's stride is a constant, the JIT keeps
        // only the matching run of prefetches, with no loop and no branch per cache line.
        if (stride == 4 * CacheLineFloats)
        {
            Sse.Prefetch0(start);
            Sse.Prefetch0(start + CacheLineFloats);
            Sse.Prefetch0(start + (2 * CacheLineFloats));
            Sse.Prefetch0(start + (3 * CacheLineFloats));
            return;
        }

        if (stride == 8 * CacheLineFloats)
        {
            for (int line = 0; line < 8; line += 4)
            {
                float* at = start + (line * CacheLineFloats);
                Sse.Prefetch0(at);
                Sse.Prefetch0(at + CacheLineFloats);
                Sse.Prefetch0(at + (2 * CacheLineFloats));
                Sse.Prefetch0(at + (3 * CacheLineFloats));
            }

            return;
        }

        for (nint offset = 0; offset < stride; offset += CacheLineFloats)
        {
            Sse.Prefetch0(start + offset);
        }
    }
}
