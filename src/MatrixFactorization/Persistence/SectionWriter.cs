using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace MatrixFactorization.Persistence;

/// <summary>Writes the fields <see cref="SectionReader"/> reads.</summary>
internal sealed class SectionWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public void Write(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Write(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteVarUInt32(uint value)
    {
        Span<byte> span = _buffer.GetSpan(5);
        int k = 0;
        while (value >= 0x80)
        {
            span[k++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[k++] = (byte)value;
        _buffer.Advance(k);
    }

    public void Write(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteVarUInt32((uint)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }
}
