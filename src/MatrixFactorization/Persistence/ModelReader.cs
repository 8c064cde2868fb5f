using System.Runtime.InteropServices;
using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Reads the parts of a model payload written by <see cref="ModelWriter"/>. Every read checks what
/// it can — a count against the bytes left, an id map against repeats — and throws
/// <see cref="ModelFormatException"/> for damaged data, so a codec needs no checks of its own
/// beyond its model's shapes. A read past the end throws <see cref="EndOfStreamException"/>, which
/// <see cref="ModelSerializer"/> reports as a truncated file.
/// </summary>
public sealed class ModelReader
{
    private const int MaxCount = 1 << 30;

    private readonly BinaryReader _reader;
    private readonly long _end;

    internal ModelReader(Stream stream, long end)
    {
        _reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        _end = end;
    }

    /// <summary>Bytes left in the payload, when the stream can tell; otherwise <see cref="long.MaxValue"/>.</summary>
    public long Remaining => _reader.BaseStream.CanSeek ? _end - _reader.BaseStream.Position : long.MaxValue;

    /// <summary>Reads a 32-bit integer.</summary>
    /// <returns>The value.</returns>
    public int ReadInt32() => _reader.ReadInt32();

    /// <summary>Reads a 64-bit integer.</summary>
    /// <returns>The value.</returns>
    public long ReadInt64() => _reader.ReadInt64();

    /// <summary>Reads a float.</summary>
    /// <returns>The value.</returns>
    public float ReadSingle() => _reader.ReadSingle();

    /// <summary>Reads a double.</summary>
    /// <returns>The value.</returns>
    public double ReadDouble() => _reader.ReadDouble();

    /// <summary>Reads a Boolean.</summary>
    /// <returns>The value.</returns>
    public bool ReadBoolean() => _reader.ReadBoolean();

    /// <summary>Reads a string.</summary>
    /// <returns>The value.</returns>
    public string ReadString()
    {
        try
        {
            return _reader.ReadString();
        }
        catch (FormatException e)
        {
            throw new ModelFormatException("a string's length prefix runs past 32 bits; the file is corrupt.", e);
        }
        catch (IOException e) when (e is not EndOfStreamException)
        {
            // BinaryReader reports a negative length prefix as a plain IOException.
            throw new ModelFormatException($"a string has an impossible length ({e.Message.TrimEnd('.')}); the file is corrupt.", e);
        }
    }

    /// <summary>Reads a count and that many floats, all finite.</summary>
    /// <returns>The values.</returns>
    public float[] ReadFloats()
    {
        int count = ReadCount(sizeof(float));
        var values = new float[count];
        ReadFloatSpan(values);
        CheckFinite(values);
        return values;
    }

    /// <summary>Reads a matrix written by <see cref="ModelWriter.Write(FactorMatrix)"/>.</summary>
    /// <returns>The matrix.</returns>
    public FactorMatrix ReadMatrix()
    {
        int rows = CheckCount(ReadInt32());
        int columns = CheckCount(ReadInt32());
        if (columns == 0 && rows > 0)
        {
            throw new ModelFormatException($"a matrix of {rows} rows has no columns; the file is corrupt.");
        }

        if ((long)rows * columns * sizeof(float) > Remaining)
        {
            throw new ModelFormatException($"a {rows} × {columns} matrix is longer than the {Remaining} bytes left; the file is truncated or corrupt.");
        }

        var matrix = new FactorMatrix(rows, Math.Max(columns, 1));
        for (int row = 0; row < rows; row++)
        {
            ReadFloatSpan(matrix.Row(row));
            CheckFinite(matrix.Row(row));
        }

        return matrix;
    }

    /// <summary>Reads a training domain written by <see cref="ModelWriter.Write(TrainingDomain)"/>.</summary>
    /// <returns>The domain.</returns>
    public TrainingDomain ReadDomain()
    {
        float mean = ReadSingle();
        float min = ReadSingle();
        float max = ReadSingle();
        bool hasStep = ReadBoolean();
        float step = ReadSingle();
        if (!float.IsFinite(min) || !float.IsFinite(max) || min > max || (hasStep && !(float.IsFinite(step) && step > 0)))
        {
            throw new ModelFormatException(
                $"the rating scale {min} to {max}{(hasStep ? $" in steps of {step}" : "")} is impossible: its ends must be finite, the minimum at most the maximum, and a step positive; the file is corrupt.");
        }

        (IdMap users, bool[] knownUsers) = ReadIds();
        (IdMap items, bool[] knownItems) = ReadIds();
        try
        {
            return new TrainingDomain(users, items, new RatingScale(min, max, hasStep ? step : null), mean, knownUsers, knownItems);
        }
        catch (ArgumentException e)
        {
            throw new ModelFormatException($"the training domain is invalid: {e.Message}", e);
        }
    }

    /// <summary>Reads a count of items of a given size and checks that they fit in what is left.</summary>
    /// <param name="itemSize">Bytes per item, at least 1.</param>
    /// <returns>The count.</returns>
    public int ReadCount(int itemSize)
    {
        int count = CheckCount(ReadInt32());
        if ((long)count * Math.Max(itemSize, 1) > Remaining)
        {
            throw new ModelFormatException($"{count} values of {itemSize} bytes are longer than the {Remaining} bytes left; the file is truncated or corrupt.");
        }

        return count;
    }

    private (IdMap Map, bool[] Known) ReadIds()
    {
        var kind = (IdKind)ReadInt32();
        if (kind is not (IdKind.Integer or IdKind.String))
        {
            throw new ModelFormatException($"unknown id kind {(int)kind}.");
        }

        int count = ReadCount(kind == IdKind.Integer ? sizeof(long) + 1 : 2);
        var map = new IdMap(kind);
        var known = new bool[count];
        for (int k = 0; k < count; k++)
        {
            int index = kind == IdKind.Integer ? map.GetOrAdd(ReadInt64()) : map.GetOrAdd(ReadString().AsSpan());
            if (index != k)
            {
                throw new ModelFormatException($"id number {k} repeats an earlier id.");
            }

            known[k] = ReadBoolean();
        }

        return (map, known);
    }

    private void ReadFloatSpan(Span<float> values)
    {
        if (!BitConverter.IsLittleEndian)
        {
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = _reader.ReadSingle();
            }

            return;
        }

        // The file is little-endian, as this machine is: the bytes are the floats.
        _reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Parameters are finite in every model this library trains; a NaN or infinity means damage.</summary>
    private static void CheckFinite(ReadOnlySpan<float> values)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!float.IsFinite(values[k]))
            {
                throw new ModelFormatException($"parameter {k} of a vector is {values[k]}; a trained model has finite parameters, so the file is corrupt.");
            }
        }
    }

    private static int CheckCount(int count) =>
        count is >= 0 and <= MaxCount ? count : throw new ModelFormatException($"implausible count {count}; the file is corrupt.");
}
