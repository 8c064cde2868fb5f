using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using MatrixFactorization.Kernels;

namespace MatrixFactorization.Training;

/// <summary>Software prefetch of factor rows (x86 only; elsewhere a no-op the JIT removes).</summary>
internal static class Prefetcher
{
    private const int CacheLineFloats = 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Row(FactorMatrix matrix, int row)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        // SAFETY: row comes from a training entry, so 0 <= row < matrix.Rows; the matrix storage is
        // pinned, so the address is stable, and a prefetch never faults even if it were not.
        float* start = (float*)Unsafe.AsPointer(ref matrix.RowReference(row));
        int stride = matrix.Stride;
        for (int offset = 0; offset < stride; offset += CacheLineFloats)
        {
            Sse.Prefetch0(start + offset);
        }
    }
}
