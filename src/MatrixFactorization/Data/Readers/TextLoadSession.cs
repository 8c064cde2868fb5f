namespace MatrixFactorization.Data.Readers;

/// <summary>The state of one text read between its blocks: layout, builder, parser and the
/// tallies that become the <see cref="LoadReport"/>. The sync and async readers both drive it.</summary>
internal sealed class TextLoadSession
{
    private readonly RatingReadOptions _options;
    private readonly CapacityPlanner? _planner;
    private readonly RatingStoreBuilder _builder;
    private readonly ProblemLog _problems;
    private TextLayout? _layout;
    private TextRatingParser? _parser;
    private long _bytesDone;

    /// <summary>Starts a read.</summary>
    /// <param name="options">The read options.</param>
    /// <param name="source">The source name for reports and errors.</param>
    /// <param name="planner">Sizes the builder when the length of the data is known.</param>
    public TextLoadSession(RatingReadOptions options, string source, CapacityPlanner? planner)
    {
        _options = options;
        _planner = planner;
        Source = source;
        _builder = new RatingStoreBuilder(options.Duplicates, options.Scale) { SourceName = source, Threads = options.Threads, WatchDuplicates = true, MaxRatings = options.MaxRatings, KeepFileOrder = options.KeepFileOrder };
        _problems = new ProblemLog(source, options.SkipBadLines, options.MaxErrors);
    }

    public string Source { get; }

    public bool Compressed { get; set; }

    /// <summary>The number of the next line, for errors raised outside the parser.</summary>
    public long NextLine => (_parser?.Lines ?? 0) + 1;

    /// <summary>Checks the first bytes and settles the layout. Returns how many leading bytes
    /// (a UTF-8 byte order mark) to pass over.</summary>
    /// <param name="first">The first bytes of the data.</param>
    /// <param name="complete">Whether they are all of the data.</param>
    public int Begin(ReadOnlySpan<byte> first, bool complete)
    {
        ReadOnlySpan<byte> utf8Mark = [0xEF, 0xBB, 0xBF];
        ReadOnlySpan<byte> littleEndianMark = [0xFF, 0xFE];
        ReadOnlySpan<byte> bigEndianMark = [0xFE, 0xFF];
        int skip = first.StartsWith(utf8Mark) ? 3 : 0;
        bool utf16 = first.StartsWith(littleEndianMark) || first.StartsWith(bigEndianMark);
        TextChecks.EnsureText(first[skip..], Source, utf16);
        _layout = LayoutDetector.Detect(first[skip..], complete, _options, Source);
        _parser = new TextRatingParser(_layout, _builder, _problems);
        return skip;
    }

    /// <summary>The fast path, once the header is behind and when the layout has one: blocks
    /// after that may be parsed ahead on other threads and handed to <see cref="Add"/>.</summary>
    public FastLineParser? ParseAhead => _parser is { HeaderRead: true } parser ? parser.Fast : null;

    /// <summary>Parses a block of whole lines.</summary>
    public void Parse(ReadOnlySpan<byte> block)
    {
        long linesBefore = _parser!.Lines;
        _parser.Parse(block);
        Planned(block.Length, linesBefore);
    }

    /// <summary>Adds a block of whole lines that <see cref="ParseAhead"/> has parsed; blocks
    /// come in file order.</summary>
    public void Add(ReadOnlySpan<byte> block, ParsedBlock parsed)
    {
        long linesBefore = _parser!.Lines;
        _parser.Add(block, parsed);
        Planned(block.Length, linesBefore);
    }

    private void Planned(int blockBytes, long linesBefore)
    {
        _bytesDone += blockBytes;
        if (_planner?.Plan(_bytesDone, blockBytes, _parser!.Lines - linesBefore, _builder.Count, _builder.Capacity) is int capacity)
        {
            _builder.EnsureCapacity(capacity, exact: true);
        }
    }

    /// <summary>Builds the store and the report.</summary>
    public LoadResult Finish(System.Diagnostics.Stopwatch clock)
    {
        TextLayout layout = _layout!;
        TextRatingParser parser = _parser!;
        if (_builder.Count == 0)
        {
            throw NoRatings(parser);
        }

        var source = new SourceSummary(Source, layout.Format, parser.Lines, parser.BlankLines, layout.DelimiterText, layout.HasHeader, Compressed);
        return LoadCompletion.Finish(_builder, _problems, source, clock);
    }

    private RatingFormatException NoRatings(TextRatingParser parser)
    {
        if (_problems.Skipped > 0)
        {
            LoadError first = _problems.Errors.Count > 0 ? _problems.Errors[0] : new LoadError(0, 0, null, "unknown", null);
            return new RatingFormatException(
                $"none of the lines could be read as a rating ({_problems.Skipped} bad lines were skipped; the first: {first})",
                Source,
                first.Line,
                first.Column,
                first.Value,
                first.Hint);
        }

        return parser.HeaderRead && _layout!.HasHeader
            ? new RatingFormatException("the file has a header line but no ratings", Source, parser.Lines, hint: "Check that the file was written completely.")
            : new RatingFormatException("the file has no ratings", Source, hint: "Check that the path points at the rating file and that it was written completely.");
    }
}
