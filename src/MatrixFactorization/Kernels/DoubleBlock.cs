using System.Diagnostics;

namespace MatrixFactorization.Kernels;

/// <summary>
/// A rectangular block of a row-major matrix of doubles kept in one array: element (r, c) is at
/// <see cref="Offset"/> + r · <see cref="Stride"/> + c. Blocks of the same array may overlap; the
/// dense solvers pass quadrants of one matrix around this way without copying them.
/// </summary>
internal readonly struct DoubleBlock
{
    public DoubleBlock(double[] data, int offset, int rows, int columns, int stride)
    {
        Debug.Assert(rows >= 0 && columns >= 0 && columns <= stride);
        Debug.Assert(rows == 0 || offset + ((long)(rows - 1) * stride) + columns <= data.Length);
        Data = data;
        Offset = offset;
        Rows = rows;
        Columns = columns;
        Stride = stride;
    }

    public double[] Data { get; }

    /// <summary>Index of element (0, 0) in <see cref="Data"/>. Arrays hold fewer than 2³¹ elements, so every index fits an int.</summary>
    public int Offset { get; }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>Distance between the starts of consecutive rows.</summary>
    public int Stride { get; }

    /// <summary>A square n × n matrix filling the start of an array.</summary>
    public static DoubleBlock Square(double[] data, int n) => new(data, 0, n, n, n);

    /// <summary>Element (row, column).</summary>
    public ref double this[int row, int column] => ref Data[Offset + (row * (long)Stride) + column];

    /// <summary>The sub-block with its top-left corner at (row, column).</summary>
    public DoubleBlock Slice(int row, int column, int rows, int columns) =>
        new(Data, (int)(Offset + (row * (long)Stride) + column), rows, columns, Stride);

    /// <summary>Row <paramref name="row"/>'s <see cref="Columns"/> elements.</summary>
    public Span<double> Row(int row) => Data.AsSpan((int)(Offset + (row * (long)Stride)), Columns);
}
