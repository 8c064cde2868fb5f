using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data.Readers;

/// <summary>
/// Turns blocks of whole lines into ratings in a <see cref="RatingStoreBuilder"/>. Each line
/// first takes an optimistic fast path (<see cref="FastLineParser"/>) that parses the common
/// forms straight from the bytes and never throws; anything unusual (quotes, signs, exponents,
/// string ids, bad data) falls back to a careful path that splits the line, parses each field
/// exactly and reports problems by line and column. Fast-parsed blocks may come from other
/// threads: ids are mapped here, block after block in file order, so the result does not depend
/// on where the parsing happened.
/// </summary>
internal sealed unsafe partial class TextRatingParser
{
    private const int BatchSize = 4096;
    private readonly TextLayout _layout;
    private readonly RatingStoreBuilder _builder;
    private readonly IdMap _users;
    private readonly IdMap _items;
    private readonly ProblemLog _problems;
    private readonly bool _timed;
    private readonly FastLineParser? _fast;
    private readonly ParsedBlock _parsed = new();

    // Dense indices of a run of parsed ratings, joined to the builder in block copies: cheaper
    // than appending to its growing arrays one rating at a time.
    private readonly int[] _batchUsers = new int[BatchSize];
    private readonly int[] _batchItems = new int[BatchSize];
    private bool _headerPending;

    // The last user mapped: files are usually grouped by user, so most lines repeat it.
    // Fast-path ids are never negative, so -1 means none.
    private long _lastRawUser = -1;
    private int _lastUser;

    public TextRatingParser(TextLayout layout, RatingStoreBuilder builder, ProblemLog problems)
    {
        _layout = layout;
        _builder = builder;
        _problems = problems;
        _users = builder.UserMap(layout.UserIds);
        _items = builder.ItemMap(layout.ItemIds);
        _timed = layout.TimestampColumn >= 0;
        _fast = layout.IsFastPathLayout ? new FastLineParser(layout, builder.Scale) : null;
        _headerPending = layout.HasHeader;
    }

    /// <summary>Lines consumed so far, including the header and blank and skipped lines.</summary>
    public long Lines { get; private set; }

    /// <summary>Blank lines passed over.</summary>
    public long BlankLines { get; private set; }

    /// <summary>Whether the header line has been read (always true without a header).</summary>
    public bool HeaderRead => !_headerPending;

    /// <summary>The fast path, for parsing blocks ahead on other threads; null when the layout
    /// needs the careful path for every line.</summary>
    public FastLineParser? Fast => _fast;

    /// <summary>Parses a block of whole lines; the block must end with a line feed.</summary>
    public void Parse(ReadOnlySpan<byte> block)
    {
        fixed (byte* start = block)
        {
            byte* p = start;
            byte* end = start + block.Length;
            while ((_headerPending || _fast is null) && p < end)
            {
                p = CarefulLine(p, end);
            }

            if (p < end)
            {
                var rest = new ReadOnlySpan<byte>(p, (int)(end - p));
                _fast!.Parse(rest, _parsed);
                Add(rest, _parsed);
            }
        }
    }

    /// <summary>Adds a block that the fast path has parsed, reading the lines it left with the
    /// careful path; blocks must come in file order, after the header.</summary>
    /// <param name="block">The block's lines.</param>
    /// <param name="parsed">What <see cref="Fast"/> made of them.</param>
    public void Add(ReadOnlySpan<byte> block, ParsedBlock parsed)
    {
        fixed (byte* start = block)
        {
            byte* end = start + block.Length;
            int from = 0;
            for (int c = 0; c < parsed.CarefulCount; c++)
            {
                int before = parsed.CarefulBefore(c);
                AddParsed(parsed, from, before);
                from = before;
                CarefulLine(start + parsed.CarefulLine(c), end);
            }

            AddParsed(parsed, from, parsed.Count);
        }
    }

    // Maps the ids of parsed ratings [from, to) in line order, user before item, as the careful
    // path does, so dense indices follow first sight whichever path read a line.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddParsed(ParsedBlock parsed, int from, int to)
    {
        IdMap users = _users;
        IdMap items = _items;
        int[] batchUsers = _batchUsers;
        int[] batchItems = _batchItems;
        long[] rawUsers = parsed.Users;
        long[] rawItems = parsed.Items;
        long lastRawUser = _lastRawUser;
        int lastUser = _lastUser;
        while (from < to)
        {
            int n = Math.Min(BatchSize, to - from);
            for (int j = 0; j < n; j++)
            {
                long user = rawUsers[from + j];
                if (user != lastRawUser)
                {
                    lastUser = users.GetOrAdd(user);
                    lastRawUser = user;
                }

                batchUsers[j] = lastUser;
                batchItems[j] = items.GetOrAdd(rawItems[from + j]);
            }

            _builder.AddBatch(
                batchUsers.AsSpan(0, n),
                batchItems.AsSpan(0, n),
                parsed.Values.AsSpan(from, n),
                _timed ? parsed.Times.AsSpan(from, n) : default,
                Lines + 1);
            Lines += n;
            from += n;
        }

        _lastRawUser = lastRawUser;
        _lastUser = lastUser;
    }

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
