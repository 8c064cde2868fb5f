using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;

namespace MatrixFactorization.Data.Readers;

/// <summary>
/// Decompresses gzip data member by member and checks each member's trailer, the CRC-32 and
/// length of its data, against the data itself. <see cref="GZipStream"/> checks a trailer that
/// is there, but when the data simply stops, inside the deflate data or its trailer, it ends the
/// stream as if that were the end: a cut download would load as a smaller file. Here that is an
/// <see cref="InvalidDataException"/>, like any other damage.
/// </summary>
/// <remarks>
/// Members follow one another as in <c>cat a.gz b.gz</c>; zero bytes after the last one
/// (padding some tools write) are passed over, and anything else after it is an error.
/// </remarks>
internal sealed class CheckedGzipStream : Stream
{
    private const int TrailerLength = 8;
    private readonly GzipInput _input;
    private readonly Crc32 _crc = new();
    private DeflateStream? _member;
    private long _memberLength;
    private bool _started;
    private bool _ended;

    /// <summary>Reads the gzip data in <paramref name="compressed"/>, which stays open.</summary>
    public CheckedGzipStream(Stream compressed)
    {
        _input = new GzipInput(compressed);
    }

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

    public override int Read(Span<byte> buffer)
    {
        while (!buffer.IsEmpty && !_ended)
        {
            if (_member is null)
            {
                Start(GzipHeader.Parse(_input, first: !_started));
                continue;
            }

            int read = _member.Read(buffer);
            if (read > 0)
            {
                return Decompressed(buffer[..read]);
            }

            _input.Ensure(TrailerLength);
            EndMember();
        }

        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty && !_ended)
        {
            if (_member is null)
            {
                Start(await GzipHeader.ParseAsync(_input, first: !_started, cancellationToken).ConfigureAwait(false));
                continue;
            }

            int read = await _member.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                return Decompressed(buffer.Span[..read]);
            }

            await _input.EnsureAsync(TrailerLength, cancellationToken).ConfigureAwait(false);
            EndMember();
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _member?.Dispose();
            _member = null;
        }

        base.Dispose(disposing);
    }

    // A member's data starts after its header; false from the header parser means the data ended.
    private void Start(bool member)
    {
        _started = true;
        if (!member)
        {
            _ended = true;
            return;
        }

        _member = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
        _crc.Reset();
        _memberLength = 0;
    }

    private int Decompressed(ReadOnlySpan<byte> data)
    {
        _crc.Append(data);
        _memberLength += data.Length;
        return data.Length;
    }

    // The inflater has stopped: at the end of the deflate data, whose trailer then lies in the
    // last chunk it was served or in the bytes just after it, or because the data ran out, in
    // which case no trailer there matches. What follows the trailer belongs to the next member.
    private void EndMember()
    {
        Span<byte> trailer = stackalloc byte[TrailerLength];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_memberLength));
        ReadOnlySpan<byte> last = _input.LastServed;
        ReadOnlySpan<byte> held = _input.Held[..Math.Min(_input.Held.Length, TrailerLength)];
        byte[] tail = new byte[last.Length + held.Length];
        last.CopyTo(tail);
        held.CopyTo(tail.AsSpan(last.Length));
        int at = tail.AsSpan().IndexOf(trailer);
        if (at < 0)
        {
            throw GzipCheck.Fail(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"the gzip data is cut short or damaged: no trailer closes its {_memberLength:N0} decompressed bytes with their CRC-32 {_crc.GetCurrentHashAsUInt32():x8}"));
        }

        int end = at + TrailerLength;
        if (end <= last.Length)
        {
            _input.PutBack(tail.AsSpan(end, last.Length - end));
        }
        else
        {
            _input.Consume(end - last.Length);
        }

        _member!.Dispose();
        _member = null;
    }
}
