using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MatrixFactorization.Kernels;

/// <summary>
/// A dense rows × columns matrix of floats for factor vectors (one row per user or item), laid out
/// so every row starts on a 64-byte boundary and is padded with zeros to a whole number of 512-bit
/// vectors. Kernels can then process rows in whole vectors, without remainder loops or
/// cache-line-splitting loads.
/// </summary>
/// <remarks>
/// Storage is a pinned managed array (allocated on the pinned object heap) with the first row placed
/// at a 64-byte-aligned offset. Pinning keeps that alignment valid for the array's lifetime, while
/// the garbage collector still owns the memory: there is nothing to dispose, no finalizer, and a
/// forgotten reference cannot become a use-after-free or a leak, unlike native memory.
/// The public API is read-only (<see cref="GetRow"/>): a model's parameters cannot be changed
/// through it, so models that share a matrix stay immutable. Only the library's trainers write.
/// </remarks>
public sealed class FactorMatrix
{
    /// <summary>Row lengths are rounded up to a multiple of this many floats: one 512-bit vector.</summary>
    internal const int RowAlignment = 16;

    private const int AlignmentBytes = RowAlignment * sizeof(float);

    private readonly float[] _storage;
    private readonly int _origin;

    /// <summary>Creates a zero-filled matrix.</summary>
    /// <param name="rows">Number of rows, zero or more.</param>
    /// <param name="columns">Number of logical columns (factors), one or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// A dimension is out of range, or the padded matrix would exceed the largest array .NET allows.
    /// </exception>
    internal FactorMatrix(int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);

        long stride = (columns + (long)RowAlignment - 1) / RowAlignment * RowAlignment;
        long length = (stride * rows) + RowAlignment - 1;
        if (length > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(
                nameof(rows), $"{rows} rows of {columns} columns exceed the maximum array length.");
        }

        Rows = rows;
        Columns = columns;
        Stride = (int)stride;

        // RowAlignment - 1 spare floats give room to slide the origin up to the next 64-byte
        // boundary; floats are 4-byte aligned, so the slide is a whole number of floats.
        // A large matrix is advised huge pages before anything touches it, then cleared: the
        // clearing faults its memory in, in huge pages where the system allows.
        if (length * sizeof(float) >= HugePages.MinimumBytes)
        {
            _storage = GC.AllocateUninitializedArray<float>((int)length, pinned: true);
            HugePages.Advise(_storage);
            _storage.AsSpan().Clear();
        }
        else
        {
            _storage = GC.AllocateArray<float>((int)length, pinned: true);
        }

        _origin = AlignmentOffset(_storage);
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of logical columns in each row.</summary>
    public int Columns { get; }

    /// <summary>Distance in floats between the starts of consecutive rows: <see cref="Columns"/> rounded up to a multiple of <see cref="RowAlignment"/>.</summary>
    internal int Stride { get; }

    /// <summary>Creates a matrix holding a copy of row-major values.</summary>
    /// <param name="rows">Number of rows, zero or more.</param>
    /// <param name="columns">Number of columns, one or more.</param>
    /// <param name="values">rows × columns values, row by row.</param>
    /// <returns>The matrix.</returns>
    /// <exception cref="ArgumentException">The values are not rows × columns long.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is out of range.</exception>
    public static FactorMatrix FromRows(int rows, int columns, ReadOnlySpan<float> values)
    {
        var matrix = new FactorMatrix(rows, columns);
        if (values.Length != (long)rows * columns)
        {
            throw new ArgumentException($"{rows} rows of {columns} columns need {(long)rows * columns} values, not {values.Length}.", nameof(values));
        }

        for (int r = 0; r < rows; r++)
        {
            values.Slice(r * columns, columns).CopyTo(matrix.Row(r));
        }

        return matrix;
    }

    /// <summary>The values of row <paramref name="index"/> (its logical columns), read-only.</summary>
    /// <param name="index">A row in [0, <see cref="Rows"/>).</param>
    /// <returns>The row's <see cref="Columns"/> values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a valid row.</exception>
    public ReadOnlySpan<float> GetRow(int index) => Row(index);

    /// <summary>The logical columns of row <paramref name="index"/>, excluding padding, writable: for trainers only.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a valid row.</exception>
    internal Span<float> Row(int index)
    {
        CheckRow(index);
        return _storage.AsSpan(_origin + (index * Stride), Columns);
    }

    /// <summary>Row <paramref name="index"/> including its zero padding: <see cref="Stride"/> floats.</summary>
    internal Span<float> PaddedRow(int index)
    {
        CheckRow(index);
        return _storage.AsSpan(_origin + (index * Stride), Stride);
    }

    /// <summary>
    /// Reference to the first float of row <paramref name="index"/>, without a bounds check, for the
    /// training loop. The caller guarantees 0 ≤ <paramref name="index"/> &lt; <see cref="Rows"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ref float RowReference(int index)
    {
        Debug.Assert((uint)index < (uint)Rows);

        // SAFETY: the caller guarantees index < Rows, and the array holds Rows * Stride floats after _origin.
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_storage), _origin + ((nint)index * Stride));
    }

    /// <summary>All rows, padding included: <see cref="Rows"/> × <see cref="Stride"/> floats.</summary>
    internal Span<float> PaddedStorage => _storage.AsSpan(_origin, Rows * Stride);

    private void CheckRow(int index)
    {
        if ((uint)index >= (uint)Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Row must be in [0, {Rows}).");
        }
    }

    private static unsafe int AlignmentOffset(float[] storage)
    {
        // The array is pinned, so this address never changes.
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(storage));
        nuint misalignment = address % AlignmentBytes;
        return misalignment == 0 ? 0 : (int)((AlignmentBytes - misalignment) / sizeof(float));
    }
}
