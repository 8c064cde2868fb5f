using System.Runtime.InteropServices;
using System.Text;
using MatrixFactorization.Data;
using MatrixFactorization.Kernels;
using MatrixFactorization.Models;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Writes the parts of a model payload in the library's little-endian binary layout; each part
/// has a matching read in <see cref="ModelReader"/>.
/// </summary>
public sealed class ModelWriter
{
    private readonly BinaryWriter _writer;

    internal ModelWriter(Stream stream) => _writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);

    /// <summary>Writes a 32-bit integer.</summary>
    /// <param name="value">The value.</param>
    public void Write(int value) => _writer.Write(value);

    /// <summary>Writes a 64-bit integer.</summary>
    /// <param name="value">The value.</param>
    public void Write(long value) => _writer.Write(value);

    /// <summary>Writes a float.</summary>
    /// <param name="value">The value.</param>
    public void Write(float value) => _writer.Write(value);

    /// <summary>Writes a double.</summary>
    /// <param name="value">The value.</param>
    public void Write(double value) => _writer.Write(value);

    /// <summary>Writes a Boolean as one byte.</summary>
    /// <param name="value">The value.</param>
    public void Write(bool value) => _writer.Write(value);

    /// <summary>Writes a string: its UTF-8 length as a 7-bit encoded integer, then its bytes.</summary>
    /// <param name="value">The value.</param>
    public void Write(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _writer.Write(value);
    }

    /// <summary>Writes a count and then the floats.</summary>
    /// <param name="values">The values.</param>
    public void Write(ReadOnlySpan<float> values)
    {
        _writer.Write(values.Length);
        WriteFloatSpan(values);
    }

    /// <summary>Writes a matrix: rows, columns, then the rows' values (no padding).</summary>
    /// <param name="matrix">The matrix.</param>
    public void Write(FactorMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        _writer.Write(matrix.Rows);
        _writer.Write(matrix.Columns);
        for (int row = 0; row < matrix.Rows; row++)
        {
            WriteFloatSpan(matrix.GetRow(row));
        }
    }

    /// <summary>Writes a training domain: global mean, scale, then the user and item maps, each id with its known flag.</summary>
    /// <param name="domain">The domain.</param>
    public void Write(TrainingDomain domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        _writer.Write(domain.GlobalMean);
        _writer.Write(domain.Scale.Min);
        _writer.Write(domain.Scale.Max);
        _writer.Write(domain.Scale.Step.HasValue);
        _writer.Write(domain.Scale.Step ?? 0f);
        WriteIds(domain.Users, domain.KnownUsers);
        WriteIds(domain.Items, domain.KnownItems);
    }

    internal void Flush() => _writer.Flush();

    private void WriteIds(IdMap map, ReadOnlySpan<bool> known)
    {
        _writer.Write((int)map.Kind);
        _writer.Write(map.Count);
        for (int k = 0; k < map.Count; k++)
        {
            if (map.Kind == IdKind.Integer)
            {
                _writer.Write(map.GetInt64Id(k));
            }
            else
            {
                _writer.Write(map.GetId(k));
            }

            _writer.Write(known[k]);
        }
    }

    private void WriteFloatSpan(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            // The format is little-endian, as this machine is: the floats are the bytes.
            _writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (float value in values)
        {
            _writer.Write(value);
        }
    }
}
