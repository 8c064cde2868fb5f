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
    private const int BatchSize = 4096;
    private readonly TextLayout _layout;
    private readonly RatingStoreBuilder _builder;
    private readonly IdMap _users;
    private readonly IdMap _items;
    private readonly ProblemLog _problems;
    private readonly float _min;
    private readonly float _max;
    private readonly bool _timed;
    private readonly bool _fast;
    // Ratings parsed by the fast path wait here, column by column, and join the builder in
    // block copies: cheaper than appending to its growing arrays one rating at a time.
    private readonly int[] _batchUsers = new int[BatchSize];
    private readonly int[] _batchItems = new int[BatchSize];
    private readonly float[] _batchValues = new float[BatchSize];
    private readonly long[] _batchTimes = new long[BatchSize];
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

    // One method with everything inlined: helper calls that return several values cost more
    // here than the parsing itself. Any surprise jumps to the careful path.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FastLines<TDelimiter>(TDelimiter delimiter, byte* p, byte* end)
        where TDelimiter : struct, IFieldDelimiter
    {
        int[] batchUsers = _batchUsers;
        int[] batchItems = _batchItems;
        float[] batchValues = _batchValues;
        long[] batchTimes = _batchTimes;
        IdMap users = _users;
        IdMap items = _items;
        float min = _min;
        float max = _max;
        bool fourth = _layout.FieldCount == 4;
        long line = Lines;
        long lastRawUser = _lastRawUser;
        int lastUser = _lastUser;
        int n = 0;
        while (p < end)
        {
            byte* q = p;
            byte* start = q;
            long user = 0;
            uint d;
            while ((d = (uint)(*q - '0')) <= 9)
            {
                user = (user * 10) + d;
                q++;
            }

            if ((ulong)(q - start - 1) >= 18 || (q = delimiter.Skip(q)) == null)
            {
                goto Careful;
            }

            // Item ids change length from line to line, so a digit loop would mispredict its exit
            // on most lines; up to seven digits are converted at once instead.
            start = q;
            long item;
            if (end - q >= 8 && Utf8Numbers.TryParseShortDigits(q, out item, out int itemLength))
            {
                q += itemLength;
            }
            else
            {
                item = 0;
                while ((d = (uint)(*q - '0')) <= 9)
                {
                    item = (item * 10) + d;
                    q++;
                }
            }

            if ((ulong)(q - start - 1) >= 18 || (q = delimiter.Skip(q)) == null)
            {
                goto Careful;
            }

            q = Utf8Numbers.ParseRating(q, out float rating);
            if (q == null || !(rating >= min && rating <= max))
            {
                goto Careful;
            }

            // A fourth field is a timestamp, parsed (and checked) even when it is not kept.
            long time = 0;
            if (fourth)
            {
                if ((q = delimiter.Skip(q)) == null)
                {
                    goto Careful;
                }

                start = q;
                while ((d = (uint)(*q - '0')) <= 9)
                {
                    time = (time * 10) + d;
                    q++;
                }

                if ((ulong)(q - start - 1) >= 18)
                {
                    goto Careful;
                }
            }

            q += *q == '\r' ? 1 : 0;
            if (*q != '\n')
            {
                goto Careful;
            }

            if (user != lastRawUser)
            {
                lastUser = users.GetOrAdd(user);
                lastRawUser = user;
            }

            if (n == BatchSize)
            {
                Flush(n, line - n + 1);
                n = 0;
            }

            line++;
            batchUsers[n] = lastUser;
            batchItems[n] = items.GetOrAdd(item);
            batchValues[n] = rating;
            batchTimes[n] = time;
            n++;
            p = q + 1;
            continue;

        Careful:
            // The careful path adds to the builder directly, so the batch goes first to keep
            // arrival order.
            Flush(n, line - n + 1);
            n = 0;
            Lines = line;
            p = CarefulLine(p, end);
            line = Lines;
        }

        Flush(n, line - n + 1);
        Lines = line;
        _lastRawUser = lastRawUser;
        _lastUser = lastUser;
    }

    private void Flush(int count, long firstLine) => _builder.AddBatch(
        _batchUsers.AsSpan(0, count),
        _batchItems.AsSpan(0, count),
        _batchValues.AsSpan(0, count),
        _timed ? _batchTimes.AsSpan(0, count) : default,
        firstLine);

    // Reads the line at p the careful way and returns the start of the next one.
    private byte* CarefulLine(byte* p, byte* end)
    {
        var rest = new ReadOnlySpan<byte>(p, (int)(end - p));
        int length = rest.IndexOf((byte)'\n');
        Lines++;
        ReadLine(rest[..length], Lines);
        return p + length + 1;
    }

}
