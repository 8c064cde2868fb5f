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

    /// <summary>Prefetches the cache line that holds <paramref name="value"/>, which must be in pinned memory, into L1.</summary>
    /// <param name="value">A float of a pinned array.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Line(ref float value)
    {
        if (Sse.IsSupported)
        {
            // SAFETY: pinned, so the address is stable; a prefetch never faults.
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
