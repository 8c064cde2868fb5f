using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data.Readers;

/// <summary>
/// Turns blocks of whole lines into ratings in a <see cref="RatingStoreBuilder"/>. Each line
/// first takes an optimistic fast path that parses the common forms straight from the bytes and
/// never throws; anything unusual (quotes, signs, exponents, string ids, bad data) falls back to
/// a careful path that splits the line, parses each field exactly and reports problems by line
/// and column.
/// </summary>
internal sealed unsafe partial class TextRatingParser
{
    private readonly TextLayout _layout;
    private readonly RatingStoreBuilder _builder;
    private readonly IdMap _users;
    private readonly IdMap _items;
    private readonly ProblemLog _problems;
    private readonly float _min;
    private readonly float _max;
    private readonly bool _timed;
    private readonly bool _fast;
    private readonly ParsedRating[] _batch = new ParsedRating[4096];
    private bool _headerPending;

    // The last user seen by the fast path: files are usually grouped by user, so most lines
    // repeat it. Fast-path ids are never negative, so -1 means none.
    private long _lastRawUser = -1;
    private int _lastUser;

    public TextRatingParser(TextLayout layout, RatingStoreBuilder builder, ProblemLog problems)
    {
        _layout = layout;
        _builder = builder;
        _problems = problems;
        _users = builder.UserMap(layout.UserIds);
        _items = builder.ItemMap(layout.ItemIds);
        _min = builder.Scale?.Min ?? float.NegativeInfinity;
        _max = builder.Scale?.Max ?? float.PositiveInfinity;
        _timed = layout.TimestampColumn >= 0;
        _fast = layout.IsFastPathLayout;
        _headerPending = layout.HasHeader;
    }

    /// <summary>Lines consumed so far, including the header and blank and skipped lines.</summary>
    public long Lines { get; private set; }

    /// <summary>Blank lines passed over.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Whether the header line has been read (always true without a header).</summary>
    public bool HeaderRead => !_headerPending;

    /// <summary>Parses a block of whole lines; the block must end with a line feed.</summary>
    public void Parse(ReadOnlySpan<byte> block)
    {
        fixed (byte* start = block)
        {
            byte* p = start;
            byte* end = start + block.Length;
            while (_headerPending && p < end)
            {
                p = CarefulLine(p, end);
            }

            if (!_fast)
            {
                while (p < end)
                {
                    p = CarefulLine(p, end);
                }

                return;
            }

            switch (_layout.Kind)
            {
                case DelimiterKind.Byte:
                    FastLines(new ByteDelimiter(_layout.Delimiter[0]), p, end);
                    break;
                case DelimiterKind.Text:
                    FastLines(default(DoubleColonDelimiter), p, end);
                    break;
                default:
                    FastLines(default(WhitespaceDelimiter), p, end);
                    break;
            }
        }
    }

    private void FastLines<TDelimiter>(TDelimiter delimiter, byte* p, byte* end)
        where TDelimiter : struct, IFieldDelimiter
    {
        // Locals, not fields, in the loop: the JIT keeps them in registers.
        ParsedRating[] batch = _batch;
        IdMap users = _users;
        IdMap items = _items;
        float min = _min;
        float max = _max;
        bool timed = _timed;
        long line = Lines;
        long lastRawUser = _lastRawUser;
        int lastUser = _lastUser;
        int n = 0;
        while (p < end)
        {
            if (TryFastLine(delimiter, p, end, timed) is { Length: > 0 } parsed && parsed.Rating >= min && parsed.Rating <= max)
            {
                if (parsed.User != lastRawUser)
                {
                    lastUser = users.GetOrAdd(parsed.User);
                    lastRawUser = parsed.User;
                }

                if ((uint)n >= (uint)batch.Length)
                {
                    Flush(batch.AsSpan(0, n), line - n + 1);
                    n = 0;
                }

                line++;
                batch[n++] = new ParsedRating(lastUser, items.GetOrAdd(parsed.Item), parsed.Rating, parsed.Time);
                p += parsed.Length;
                continue;
            }

            // The careful path adds to the builder directly, so the batch goes first to keep
            // arrival order.
            Flush(batch.AsSpan(0, n), line - n + 1);
            n = 0;
            Lines = line;
            p = CarefulLine(p, end);
            line = Lines;
        }

        Flush(batch.AsSpan(0, n), line - n + 1);
        Lines = line;
        _lastRawUser = lastRawUser;
        _lastUser = lastUser;
    }

    // One line in the common form, or Length 0. Length includes the line break.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FastLine TryFastLine<TDelimiter>(TDelimiter delimiter, byte* p, byte* end, bool timed)
        where TDelimiter : struct, IFieldDelimiter
    {
        (long user, int length) = Utf8Numbers.ParseDigits(p, end);
        byte* q = length == 0 ? null : delimiter.Skip(p + length);
        if (q == null)
        {
            return default;
        }

        (long item, length) = Utf8Numbers.ParseDigits(q, end);
        q = length == 0 ? null : delimiter.Skip(q + length);
        if (q == null)
        {
            return default;
        }

        (float rating, length) = Utf8Numbers.ParseRating(q);
        if (length == 0)
        {
            return default;
        }

        q += length;
        long time = 0;
        if (timed)
        {
            q = delimiter.Skip(q);
            if (q == null)
            {
                return default;
            }

            (time, length) = Utf8Numbers.ParseDigits(q, end);
            if (length == 0)
            {
                return default;
            }

            q += length;
        }

        q += *q == '\r' ? 1 : 0;
        return *q == '\n' ? new FastLine(user, item, rating, time, (int)(q + 1 - p)) : default;
    }

    private void Flush(ReadOnlySpan<ParsedRating> ratings, long firstLine) => _builder.AddBatch(ratings, firstLine, _timed);

    // Reads the line at p the careful way and returns the start of the next one.
    private byte* CarefulLine(byte* p, byte* end)
    {
        var rest = new ReadOnlySpan<byte>(p, (int)(end - p));
        int length = rest.IndexOf((byte)'\n');
        Lines++;
        ReadLine(rest[..length], Lines);
        return p + length + 1;
    }

    private readonly record struct FastLine(long User, long Item, float Rating, long Time, int Length);
}
