namespace MatrixFactorization.Data.Readers;

/// <summary>
/// The compressed side of a <see cref="CheckedGzipStream"/>: serves a member's deflate data and
/// keeps a copy of the last chunk it served, because the inflater reads past the end of the
/// deflate data and the member's trailer is in that chunk. Bytes can be read ahead (to parse a
/// header) and put back (what the inflater took beyond the trailer).
/// </summary>
/// <param name="inner">The compressed data.</param>
internal sealed class GzipInput(Stream inner) : Stream
{
    private byte[] _held = new byte[256];
    private int _heldStart;
    private int _heldEnd;
    private byte[] _last = new byte[8192];
    private int _lastLength;

    /// <summary>Bytes read ahead and not yet served.</summary>
    public ReadOnlySpan<byte> Held => _held.AsSpan(_heldStart, _heldEnd - _heldStart);

    /// <summary>The chunk served by the latest read.</summary>
    public ReadOnlySpan<byte> LastServed => _last.AsSpan(0, _lastLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Served(buffer, _heldEnd > _heldStart ? TakeHeld(buffer) : inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = _heldEnd > _heldStart ? TakeHeld(buffer.Span) : await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Served(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads ahead until at least <paramref name="count"/> bytes are held; false when
    /// the data ends first.</summary>
    public bool Ensure(int count)
    {
        while (_heldEnd - _heldStart < count)
        {
            int read = inner.Read(RoomFor(count));
            if (read == 0)
            {
                return false;
            }

            _heldEnd += read;
        }

        return true;
    }

    /// <summary>The async form of <see cref="Ensure"/>.</summary>
    public async ValueTask<bool> EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (_heldEnd - _heldStart < count)
        {
            RoomFor(count);
            int read = await inner.ReadAsync(_held.AsMemory(_heldEnd), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return false;
            }

            _heldEnd += read;
        }

        return true;
    }

    /// <summary>Drops held bytes that have been parsed.</summary>
    public void Consume(int count) => _heldStart += count;

    /// <summary>Puts bytes back in front of the held ones, to be served next.</summary>
    public void PutBack(ReadOnlySpan<byte> bytes)
    {
        byte[] joined = new byte[bytes.Length + Held.Length + 256];
        bytes.CopyTo(joined);
        Held.CopyTo(joined.AsSpan(bytes.Length));
        _heldEnd = bytes.Length + Held.Length;
        _heldStart = 0;
        _held = joined;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int TakeHeld(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _heldEnd - _heldStart);
        Held[..n].CopyTo(buffer);
        _heldStart += n;
        return n;
    }

    private int Served(Span<byte> buffer, int read)
    {
        if (_last.Length < read)
        {
            _last = new byte[read];
        }

        buffer[..read].CopyTo(_last);
        _lastLength = read;
        return read;
    }

    // The free space after the held bytes, moved to the front and grown to fit count in all.
    private Span<byte> RoomFor(int count)
    {
        int held = _heldEnd - _heldStart;
        if (_held.Length - _heldStart < count || _heldEnd == _held.Length)
        {
            byte[] room = _held.Length >= Math.Max(count, held + 1) * 2 ? _held : new byte[Math.Max(count, held + 1) * 2];
            Held.CopyTo(room);
            _held = room;
            _heldStart = 0;
            _heldEnd = held;
        }

        return _held.AsSpan(_heldEnd);
    }
}
