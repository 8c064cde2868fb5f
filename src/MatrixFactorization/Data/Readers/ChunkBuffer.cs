namespace MatrixFactorization.Data.Readers;

/// <summary>
/// The one buffer a text read uses: filled from the stream in large reads, handed to the parser
/// a block of whole lines at a time, with the partial last line carried over to the next fill.
/// Memory stays constant however large the file is, unless a single line outgrows the buffer.
/// </summary>
internal sealed class ChunkBuffer
{
    public const int DefaultSize = 1 << 20;

    // One spare byte past the usable space, for the line feed added after an unterminated last line.
    private byte[] _bytes;
    private int _start;
    private int _filled;
    private int _blockEnd;

    /// <summary>A buffer of <paramref name="size"/> bytes that grows for a long line up to
    /// <paramref name="maxSize"/> bytes (or its size, if larger).</summary>
    public ChunkBuffer(int size = DefaultSize, int maxSize = DefaultSize)
    {
        _bytes = new byte[size + 1];
        MaxSize = Math.Max(size, maxSize);
    }

    /// <summary>The usable size of the buffer.</summary>
    public int Size => _bytes.Length - 1;

    /// <summary>The size the buffer may grow to, which is the longest line it takes.</summary>
    public int MaxSize { get; }

    /// <summary>Whether the stream has ended.</summary>
    public bool AtEnd { get; private set; }

    /// <summary>Bytes taken from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The bytes held and not yet parsed.</summary>
    public ReadOnlySpan<byte> Pending => _bytes.AsSpan(_start, _filled - _start);

    /// <summary>The space to read into next; make room with <see cref="MakeRoom"/> first.</summary>
    public Memory<byte> Free => _bytes.AsMemory(_filled, _bytes.Length - 1 - _filled);

    /// <summary>Records a read into <see cref="Free"/>; fewer bytes than asked for means the end.</summary>
    public void Commit(int read, int requested)
    {
        _filled += read;
        BytesRead += read;
        AtEnd = read < requested;
    }

    /// <summary>Passes over bytes at the start that are not data (a byte order mark).</summary>
    public void Skip(int count) => _start += count;

    /// <summary>Hands out the held bytes and forgets them, for a stream that wraps this one.</summary>
    public byte[] TakeAll()
    {
        byte[] taken = Pending.ToArray();
        _start = _filled = 0;
        AtEnd = false;
        return taken;
    }

    /// <summary>The whole lines held, ending with a line feed; empty when no line is complete yet.</summary>
    /// <param name="line">The number of the next line, for the error about an overlong line.</param>
    /// <param name="source">The source name for that error.</param>
    public ReadOnlySpan<byte> TakeBlock(long line, string source)
    {
        if (AtEnd)
        {
            if (_filled > _start && _bytes[_filled - 1] != '\n')
            {
                _bytes[_filled++] = (byte)'\n';
            }

            _blockEnd = _filled;
        }
        else
        {
            int last = Pending.LastIndexOf((byte)'\n');
            _blockEnd = last < 0 ? _start : _start + last + 1;
            if (last < 0 && _start == 0 && _filled == _bytes.Length - 1)
            {
                Grow(line, source);
            }
        }

        return _bytes.AsSpan(_start, _blockEnd - _start);
    }

    /// <summary>The block last handed out by <see cref="TakeBlock"/>, for parsing on another thread.</summary>
    public ArraySegment<byte> Block => new(_bytes, _start, _blockEnd - _start);

    /// <summary>Moves the bytes after the last block (a partial line) to the front of an empty
    /// buffer, which carries on reading where this one stopped; this one keeps its block.</summary>
    /// <param name="next">The buffer to read on with.</param>
    public void MoveRestTo(ChunkBuffer next)
    {
        ReadOnlySpan<byte> rest = _bytes.AsSpan(_blockEnd, _filled - _blockEnd);
        if (next._bytes.Length < _bytes.Length)
        {
            next._bytes = new byte[_bytes.Length];
        }

        rest.CopyTo(next._bytes);
        next._start = next._blockEnd = 0;
        next._filled = rest.Length;
        next.AtEnd = AtEnd;
        next.BytesRead = BytesRead;
        _filled = _blockEnd;
    }

    /// <summary>Marks the last block as parsed.</summary>
    public void Release() => _start = _blockEnd;

    /// <summary>Moves unparsed bytes to the front so that <see cref="Free"/> is as large as it can be.</summary>
    public void MakeRoom()
    {
        if (_start > 0)
        {
            Pending.CopyTo(_bytes);
            _filled -= _start;
            _blockEnd -= _start;
            _start = 0;
        }
    }

    /// <summary>Doubles the buffer, up to its maximum size; false when it is already that large.</summary>
    public bool TryGrow()
    {
        int size = _bytes.Length - 1;
        if (size >= MaxSize)
        {
            return false;
        }

        Array.Resize(ref _bytes, (int)Math.Min(MaxSize, size * 2L) + 1);
        return true;
    }

    private void Grow(long line, string source)
    {
        int size = _bytes.Length - 1;
        if (size >= MaxSize)
        {
            throw new RatingFormatException(
                $"line {line} is longer than {SizeText(MaxSize)}",
                source,
                line,
                hint: "Rating lines are short; this is probably not a rating file, or its line breaks are lone carriage returns. The MaxLineLength read option sets the limit.");
        }

        Array.Resize(ref _bytes, (int)Math.Min(MaxSize, size * 2L) + 1);
    }

    /// <summary>A byte count for messages: whole megabytes or kilobytes where it is one.</summary>
    public static string SizeText(long bytes)
    {
        (long count, string unit) = bytes % (1 << 20) == 0 ? (bytes >> 20, "MB") : bytes % (1 << 10) == 0 ? (bytes >> 10, "KB") : (bytes, "bytes");
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count:N0} {unit}");
    }
}
