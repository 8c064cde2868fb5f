using System.Buffers.Binary;
using System.Text;

namespace MatrixFactorization.Persistence;

/// <summary>
/// Reads the fields of one section from its bytes. Every read checks the bytes left first and
/// throws <see cref="ModelFormatException"/> naming the section, so no size read from the file can
/// make it allocate more than the section holds.
/// </summary>
internal ref struct SectionReader(ReadOnlySpan<byte> bytes, string section)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly int Remaining => _bytes.Length - _position;

    public readonly string Section => section;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBoolean() => ReadByte() switch
    {
        0 => false,
        1 => true,
        byte b => throw Corrupt($"a Boolean is {b}, not 0 or 1"),
    };

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public double ReadFiniteDouble(string what)
    {
        double value = ReadDouble();
        return double.IsFinite(value) ? value : throw Corrupt($"{what} is {value}, not a finite number");
    }

    /// <summary>An unsigned LEB128 integer of at most 32 bits: 7 bits a byte, low bits first.</summary>
    public uint ReadVarUInt32()
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte b = ReadByte();
            if (shift == 28 && b > 0x0F)
            {
                throw Corrupt("a variable-length integer does not fit in 32 bits");
            }

            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Corrupt("a variable-length integer does not fit in 32 bits");
    }

    /// <summary>A count of items of at least <paramref name="minimumBytes"/> bytes each, checked against the bytes left.</summary>
    public int ReadCount(int minimumBytes, string what)
    {
        uint count = ReadVarUInt32();
        if (count > int.MaxValue || (long)count * minimumBytes > Remaining)
        {
            throw Corrupt($"{count} {what} do not fit in the {Remaining} bytes left");
        }

        return (int)count;
    }

    public string ReadString()
    {
        int length = ReadCount(1, "string bytes");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Take(length));
        }
        catch (DecoderFallbackException e)
        {
            throw new ModelFormatException($"the '{section}' section holds a string that is not UTF-8; the file is corrupt.", e);
        }
    }

    public readonly void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw Corrupt($"{Remaining} bytes follow its last field");
        }
    }

    public readonly ModelFormatException Corrupt(string what) => new($"the '{section}' section is corrupt: {what}.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Corrupt("it ends early");
        }

        ReadOnlySpan<byte> span = _bytes.Slice(_position, count);
        _position += count;
        return span;
    }
}
