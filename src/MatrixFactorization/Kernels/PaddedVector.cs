using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// A 64-byte-aligned, zero-padded copy of a query vector, so it can be multiplied against padded
/// matrix rows in whole vectors. Short vectors live in a caller-provided stack buffer; longer ones
/// in a pooled array, so scoring allocates nothing either way.
/// </summary>
internal ref struct PaddedVector
{
    // 4 KiB of stack at most; rows longer than 1,024 factors go to the pool.
    private const int MaxStackLength = 1024 + FactorMatrix.RowAlignment - 1;

    private float[]? _rented;

    /// <param name="source">The vector to copy.</param>
    /// <param name="paddedLength">Length of the copy, at least that of <paramref name="source"/>.</param>
    /// <param name="stackBuffer">A buffer of <see cref="StackLength"/>(<paramref name="paddedLength"/>) floats; may be empty.</param>
    internal PaddedVector(ReadOnlySpan<float> source, int paddedLength, Span<float> stackBuffer)
    {
        int needed = BufferLength(paddedLength);
        Span<float> buffer = needed <= stackBuffer.Length
            ? stackBuffer
            : (_rented = ArrayPool<float>.Shared.Rent(needed));
        Values = Align(buffer)[..paddedLength];
        source.CopyTo(Values);
        Values[source.Length..].Clear();
    }

    /// <summary>How many floats of stack to offer for <paramref name="paddedLength"/>: 0 when the copy is too long for the stack.</summary>
    internal static int StackLength(int paddedLength)
    {
        int needed = BufferLength(paddedLength);
        return needed <= MaxStackLength ? needed : 0;
    }

    /// <summary>The aligned, padded copy.</summary>
    internal Span<float> Values { get; }

    internal readonly ref float Reference => ref MemoryMarshal.GetReference(Values);

    public void Dispose()
    {
        if (_rented is not null)
        {
            ArrayPool<float>.Shared.Return(_rented);
            _rented = null;
        }
    }

    // Slack to slide the start to a 64-byte boundary.
    private static int BufferLength(int paddedLength) => paddedLength + FactorMatrix.RowAlignment - 1;

    private static unsafe Span<float> Align(Span<float> buffer)
    {
        // Stack memory never moves. A pooled array could be moved by a compacting GC, which would
        // cost alignment but not correctness: the span follows the array.
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer));
        nuint misalignment = address % (FactorMatrix.RowAlignment * sizeof(float));
        int skip = misalignment == 0 ? 0 : (int)(((FactorMatrix.RowAlignment * sizeof(float)) - misalignment) / sizeof(float));
        return buffer[skip..];
    }
}
