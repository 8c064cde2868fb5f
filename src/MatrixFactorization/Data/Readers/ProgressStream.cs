namespace MatrixFactorization.Data.Readers;

/// <summary>
/// A read-only pass-through stream that tells a progress sink how many bytes have gone through,
/// at most once per <see cref="Step"/> bytes and once when the data ends, so a read pays for a
/// report about once a megabyte. Wrapped around the source only when someone listens.
/// </summary>
internal sealed class ProgressStream : Stream
{
    /// <summary>The bytes between reports.</summary>
    public const long Step = 1 << 20;

    private readonly Stream _inner;
    private readonly IProgress<long> _progress;
    private long _bytes;
    private long _reported;

    /// <summary>Wraps a source of which <paramref name="alreadyRead"/> bytes were read before, and reports them.</summary>
    public ProgressStream(Stream inner, IProgress<long> progress, long alreadyRead)
    {
        _inner = inner;
        _progress = progress;
        _bytes = _reported = alreadyRead;
        progress.Report(alreadyRead);
    }

    /// <summary>The source wrapped when <paramref name="progress"/> is set, else the source itself.</summary>
    public static Stream Over(Stream inner, IProgress<long>? progress, long alreadyRead) =>
        progress is null ? inner : new ProgressStream(inner, progress, alreadyRead);

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

    public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer), buffer.Length);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read, int requested)
    {
        _bytes += read;
        if (_bytes - _reported >= Step || (read == 0 && requested > 0 && _bytes > _reported))
        {
            _reported = _bytes;
            _progress.Report(_bytes);
        }

        return read;
    }
}
