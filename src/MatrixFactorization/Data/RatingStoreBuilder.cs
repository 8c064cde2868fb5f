using System.Globalization;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>
/// Collects ratings (from code, enumerables, spans or readers) and builds an immutable
/// <see cref="RatingStore"/>. Raw ids get dense indices in first-seen order.
/// </summary>
/// <remarks>
/// A builder is single-use: <see cref="Build()"/> hands its id maps to the store and resets it.
/// It is not thread-safe.
/// </remarks>
public sealed class RatingStoreBuilder
{
    private int[] _users = [];
    private int[] _items = [];
    private float[] _values = [];

    // Timestamps are kept as 32-bit offsets from the first one, wrapping: once the min and max
    // are known to lie within 2^32 of each other, the wrapped offsets convert exactly.
    private uint[]? _times;
    private long _timeOrigin;
    private long _minTime = long.MaxValue;
    private long _maxTime = long.MinValue;
    private LineIndex _lines = new();
    private int _count;
    private long _withTime;
    private long _records;
    private IdMap? _userMap;
    private IdMap? _itemMap;
    private DuplicateWatch? _watch;

    /// <summary>Creates a builder.</summary>
    /// <param name="duplicates">What to do with repeated (user, item) pairs.</param>
    /// <param name="scale">When given, a rating outside [Min, Max] is an error.</param>
    public RatingStoreBuilder(DuplicatePolicy duplicates = DuplicatePolicy.Error, RatingScale? scale = null)
    {
        if (!Enum.IsDefined(duplicates))
        {
            throw new ArgumentOutOfRangeException(nameof(duplicates), duplicates, "Use Error, KeepLast, KeepFirst or Average.");
        }

        Duplicates = duplicates;
        Scale = scale;
    }

    /// <summary>The duplicate policy applied by <see cref="Build()"/>.</summary>
    public DuplicatePolicy Duplicates { get; }

    /// <summary>The declared rating scale, if any.</summary>
    public RatingScale? Scale { get; }

    /// <summary>A name for the data (usually the file name) used in error messages.</summary>
    public string? SourceName { get; init; }

    /// <summary>How many threads <see cref="Build()"/> may use to sort rows by item: 0 (the
    /// default) for all cores, 1 for the calling thread alone.</summary>
    public int Threads
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Threads));
            field = value;
        }
    }

    /// <summary>Whether a pair repeated among one user's consecutive ratings is refused as it
    /// arrives under <see cref="DuplicatePolicy.Error"/>, rather than when the store is built:
    /// a reader sets it, so that a file sorted by user stops at its first duplicate.</summary>
    internal bool WatchDuplicates
    {
        get => _watch is not null;
        init => _watch = value && Duplicates == DuplicatePolicy.Error ? new DuplicateWatch() : null;
    }

    /// <summary>The most ratings the builder takes: a reader's limit, or what one store holds.</summary>
    internal int MaxRatings { get; init; } = Array.MaxLength;

    /// <summary>Whether <see cref="Build(out BuildReport)"/> keeps a copy of the ratings in arrival order in <see cref="LastFileOrder"/>.</summary>
    internal bool KeepFileOrder { get; init; }

    /// <summary>The ratings of the last build in arrival order, when <see cref="KeepFileOrder"/> is set.</summary>
    internal FileOrder? LastFileOrder { get; private set; }

    /// <summary>The number of ratings added so far.</summary>
    public int Count => _count;

    /// <summary>How many ratings fit before the arrays must grow.</summary>
    internal int Capacity => _values.Length;

    /// <summary>The user id map being filled; its kind is fixed by the first id added.</summary>
    internal IdMap UserMap(IdKind kind) => _userMap ??= new IdMap(kind);

    /// <summary>The item id map being filled; its kind is fixed by the first id added.</summary>
    internal IdMap ItemMap(IdKind kind) => _itemMap ??= new IdMap(kind);

    /// <summary>Adds a rating with integer ids.</summary>
    /// <param name="user">The raw user id.</param>
    /// <param name="item">The raw item id.</param>
    /// <param name="rating">The rating; must be finite and within the declared scale.</param>
    /// <param name="timestamp">Optional time of the rating in Unix seconds.</param>
    public void Add(long user, long item, float rating, long? timestamp = null)
    {
        long record = ++_records;
        CheckValue(rating, record);
        AddIndexed(UserMap(IdKind.Integer).GetOrAdd(user), ItemMap(IdKind.Integer).GetOrAdd(item), rating, timestamp, record);
    }

    /// <summary>Adds a rating with string ids (an integer id map parses them).</summary>
    /// <param name="user">The raw user id.</param>
    /// <param name="item">The raw item id.</param>
    /// <param name="rating">The rating; must be finite and within the declared scale.</param>
    /// <param name="timestamp">Optional time of the rating in Unix seconds.</param>
    public void Add(string user, string item, float rating, long? timestamp = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(item);
        long record = ++_records;
        CheckValue(rating, record);
        int u, i;
        try
        {
            u = UserMap(IdKind.String).GetOrAdd(user.AsSpan());
            i = ItemMap(IdKind.String).GetOrAdd(item.AsSpan());
        }
        catch (FormatException e)
        {
            throw new RatingDataException("an id is not an integer, but earlier ids were", SourceName, record, value: $"{user},{item}", hint: "Use one kind of id per builder.", innerException: e);
        }

        AddIndexed(u, i, rating, timestamp, record);
    }

    /// <summary>Adds ratings from a sequence.</summary>
    /// <param name="ratings">The ratings.</param>
    public void AddRange(IEnumerable<RawRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        foreach (RawRating r in ratings)
        {
            Add(r.User, r.Item, r.Value, r.Timestamp);
        }
    }

    /// <summary>Adds ratings from parallel spans.</summary>
    /// <param name="users">Raw user ids.</param>
    /// <param name="items">Raw item ids, same length.</param>
    /// <param name="ratings">Ratings, same length.</param>
    /// <param name="timestamps">Unix-second timestamps, same length, or empty for none.</param>
    public void AddRange(ReadOnlySpan<long> users, ReadOnlySpan<long> items, ReadOnlySpan<float> ratings, ReadOnlySpan<long> timestamps = default)
    {
        if (items.Length != users.Length || ratings.Length != users.Length || (!timestamps.IsEmpty && timestamps.Length != users.Length))
        {
            throw new ArgumentException($"The spans must have one length: users {users.Length}, items {items.Length}, ratings {ratings.Length}, timestamps {timestamps.Length} (0 for none).");
        }

        EnsureCapacity(_count + users.Length);
        for (int k = 0; k < users.Length; k++)
        {
            Add(users[k], items[k], ratings[k], timestamps.IsEmpty ? null : timestamps[k]);
        }
    }

    /// <summary>Builds the store, applying the duplicate policy, and resets the builder.</summary>
    /// <returns>The store.</returns>
    /// <exception cref="DuplicateRatingException">A pair is repeated under <see cref="DuplicatePolicy.Error"/>.</exception>
    public RatingStore Build() => Build(out _);

    /// <summary>Builds the store, applying the duplicate policy, and resets the builder.</summary>
    /// <param name="report">What was kept and merged.</param>
    /// <returns>The store.</returns>
    /// <exception cref="DuplicateRatingException">A pair is repeated under <see cref="DuplicatePolicy.Error"/>.</exception>
    public RatingStore Build(out BuildReport report)
    {
        IdMap users = _userMap ?? new IdMap(IdKind.Integer);
        IdMap items = _itemMap ?? new IdMap(IdKind.Integer);
        bool keepTime = _count > 0 && _withTime == _count;
        long timeBase = 0;
        uint shift = 0;
        if (keepTime)
        {
            if (_maxTime - _minTime > uint.MaxValue)
            {
                throw new RatingDataException(
                    "timestamps span more than 136 years, which the store's 32-bit offsets cannot hold",
                    SourceName,
                    hint: "Timestamps must be Unix seconds; convert milliseconds to seconds first.");
            }

            timeBase = _minTime;
            shift = unchecked((uint)(_minTime - _timeOrigin));
        }

        int added = _count;
        long withTime = _withTime;
        RatingStore store;
        long pairs;
        // Copied before the arrays are handed over: the store is sorted in them.
        LastFileOrder = KeepFileOrder ? new FileOrder(_users[.._count], _items[.._count], _values[.._count], _lines) : null;
        try
        {
            // The arrays are handed over, not copied: the store is built in them.
            store = RatingStoreAssembler.Assemble(
                users, items, _users, _items, _values, keepTime ? _times : null, _count, shift, timeBase, _lines, Duplicates, SourceName, Threads == 0 ? Environment.ProcessorCount : Threads, out pairs);
        }
        finally
        {
            Reset();
        }

        report = new BuildReport(added, store.Count, added - store.Count, pairs, added - withTime);
        return store;
    }

    /// <summary>Adds a rating whose ids are already dense indices of this builder's maps.</summary>
    internal void AddIndexed(int user, int item, float rating, long? timestamp, long line)
    {
        if (timestamp is long t)
        {
            AddIndexed(user, item, rating, t, line);
        }
        else
        {
            AddIndexed(user, item, rating, line);
        }
    }

    /// <summary>Adds a rating without a timestamp whose ids are dense indices of this builder's maps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddIndexed(int user, int item, float rating, long line)
    {
        int k = _count;
        if (k == _values.Length || k == MaxRatings)
        {
            if (k == MaxRatings)
            {
                throw TooMany(line);
            }

            EnsureCapacity(k + 1);
        }

        if (line - k != _lines.CurrentOffset)
        {
            _lines.Add(k, line);
        }

        _users[k] = user;
        _items[k] = item;
        _values[k] = rating;
        _count = k + 1;
        if (_watch is not null)
        {
            Watch(k, 1);
        }
    }

    /// <summary>Adds a rating with a timestamp whose ids are dense indices of this builder's maps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddIndexed(int user, int item, float rating, long timestamp, long line)
    {
        int k = _count;
        AddIndexed(user, item, rating, line);

        // A store keeps timestamps only when every rating has one, so they are held only while
        // that is still true.
        if (++_withTime == _count)
        {
            if (k == 0)
            {
                _times = new uint[_values.Length];
                _timeOrigin = timestamp;
            }

            _times![k] = unchecked((uint)(timestamp - _timeOrigin));
            _minTime = Math.Min(_minTime, timestamp);
            _maxTime = Math.Max(_maxTime, timestamp);
        }
        else
        {
            _times = null;
        }
    }

    /// <summary>Adds a batch of ratings that came from consecutive lines.</summary>
    /// <param name="users">Dense user indices of this builder's maps.</param>
    /// <param name="items">Dense item indices, same length.</param>
    /// <param name="values">Ratings, same length.</param>
    /// <param name="times">Unix-second timestamps, same length, or empty for none.</param>
    /// <param name="firstLine">The line of the first rating; the others follow line by line.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddBatch(ReadOnlySpan<int> users, ReadOnlySpan<int> items, ReadOnlySpan<float> values, ReadOnlySpan<long> times, long firstLine)
    {
        int k = _count;
        int n = values.Length;
        if (n == 0)
        {
            return;
        }

        if (n > MaxRatings - k)
        {
            throw TooMany(firstLine + (MaxRatings - k));
        }

        EnsureCapacity(k + n);
        if (firstLine - k != _lines.CurrentOffset)
        {
            _lines.Add(k, firstLine);
        }

        users.CopyTo(_users.AsSpan(k));
        items.CopyTo(_items.AsSpan(k));
        values.CopyTo(_values.AsSpan(k));
        if (_watch is not null)
        {
            Watch(k, n);
        }

        bool allTimed = !times.IsEmpty && _withTime == k;
        _count = k + n;
        if (times.IsEmpty)
        {
            return;
        }

        _withTime += n;
        if (!allTimed)
        {
            _times = null;
            return;
        }

        if (k == 0)
        {
            _times = new uint[_values.Length];
            _timeOrigin = times[0];
        }

        Span<uint> offsets = _times.AsSpan(k, n);
        long origin = _timeOrigin, min = _minTime, max = _maxTime;
        for (int j = 0; j < offsets.Length; j++)
        {
            long t = times[j];
            offsets[j] = unchecked((uint)(t - origin));
            min = Math.Min(min, t);
            max = Math.Max(max, t);
        }

        _minTime = min;
        _maxTime = max;
    }

    // Refuses the batch at [first, first + count) if it repeats a pair of the current run; the
    // ratings were stored already, which does not matter, since the read ends here.
    private void Watch(int first, int count)
    {
        int repeat = _watch!.Find(_users.AsSpan(first, count), _items.AsSpan(first, count), first, out int earlier);
        if (repeat >= 0)
        {
            int at = first + repeat;
            throw new DuplicateRatingException(
                SourceName, _userMap!.GetId(_users[at]), _itemMap!.GetId(_items[at]), _lines.LineOf(earlier), _lines.LineOf(at));
        }
    }

    /// <summary>Checks a rating against finiteness and the declared scale; null when it is fine.</summary>
    internal string? Validate(float rating)
    {
        if (!float.IsFinite(rating))
        {
            return "the rating is not a finite number";
        }

        if (Scale is RatingScale scale && !scale.Contains(rating))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the rating is outside the declared scale {scale}");
        }

        return null;
    }

    internal void EnsureCapacity(int capacity, bool exact = false)
    {
        if (capacity <= _values.Length)
        {
            return;
        }

        int size = Math.Min(MaxRatings, exact ? capacity : (int)Math.Min(Array.MaxLength, Math.Max(capacity, Math.Max(1024L, _values.Length * 2L))));
        if (size <= _values.Length)
        {
            return;
        }

        Grow(ref _users, size, _count);
        Grow(ref _items, size, _count);
        Grow(ref _values, size, _count);
        if (_times is not null)
        {
            Grow(ref _times, size, _count);
        }
    }

    // Only the first `used` elements are ever read back, so the new array need not be zeroed.
    private static void Grow<T>(ref T[] array, int size, int used)
    {
        T[] grown = GC.AllocateUninitializedArray<T>(size);
        array.AsSpan(0, used).CopyTo(grown);
        array = grown;
    }

    private RatingDataException TooMany(long line) =>
        new(
            string.Create(CultureInfo.InvariantCulture, $"the data has more than {MaxRatings:N0} ratings, the most {(MaxRatings == Array.MaxLength ? "one store holds" : "this read allows")}"),
            SourceName,
            line,
            hint: MaxRatings == Array.MaxLength
                ? "Split the data, for example by user, into stores of fewer ratings."
                : "Raise MaxRatings in the read options, or split the data.");

    private void CheckValue(float rating, long record)
    {
        if (Validate(rating) is string problem)
        {
            throw new RatingDataException(
                problem,
                SourceName,
                record,
                value: rating.ToString(CultureInfo.InvariantCulture),
                hint: Scale is null ? "Ratings must be finite numbers." : "Fix the rating or declare a wider scale.");
        }
    }

    private void Reset()
    {
        _users = [];
        _items = [];
        _values = [];
        _times = null;
        _timeOrigin = 0;
        _minTime = long.MaxValue;
        _maxTime = long.MinValue;
        _lines = new LineIndex();
        _count = 0;
        _withTime = 0;
        _records = 0;
        _userMap = null;
        _itemMap = null;
        _watch = _watch is null ? null : new DuplicateWatch();
    }
}
