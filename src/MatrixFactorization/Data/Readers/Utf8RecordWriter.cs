using System.Globalization;
using System.Text;

namespace MatrixFactorization.Data.Readers;

/// <summary>Writes delimited records as UTF-8 into a stream through one buffer, formatting
/// numbers straight into bytes.</summary>
/// <param name="stream">The destination, left open.</param>
internal sealed class Utf8RecordWriter(Stream stream) : IDisposable
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _used)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_used));
        _used += bytes.Length;
    }

    public void Write(byte b)
    {
        if (_used == _buffer.Length)
        {
            Flush();
        }

        _buffer[_used++] = b;
    }

    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void Write(long value)
    {
        Reserve(20);
        value.TryFormat(_buffer.AsSpan(_used), out int written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    // The shortest text that parses back to the same float.
    public void Write(float value)
    {
        Reserve(32);
        value.TryFormat(_buffer.AsSpan(_used), out int written, "R", CultureInfo.InvariantCulture);
        _used += written;
    }

    public void Flush()
    {
        stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => Flush();

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _used < bytes)
        {
            Flush();
        }
    }
}
