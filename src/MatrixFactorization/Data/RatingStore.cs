namespace MatrixFactorization.Data;

/// <summary>
/// An immutable sparse user × item rating matrix in struct-of-arrays form, ordered by user and
/// then by item (CSR by user). Build one with <see cref="RatingStoreBuilder"/> or a reader.
/// </summary>
/// <remarks>
/// Memory: a dense item index and a float rating (8 bytes per rating), plus 4 bytes of timestamp
/// when every rating has one (stored as seconds from the earliest), plus the CSR row offsets
/// (4 bytes per user), which say whose each rating is; a reader may leave a little spare room at
/// the end of the arrays rather than copy them to trim it. No user index is kept per rating:
/// <see cref="UserIndices"/> spells one out on first use (4 bytes per rating from then on). The
/// column (by item) view costs 8 bytes per rating and 4 per item more, needs that user column,
/// and is built only when asked for. Instances are safe to read from many threads.
/// </remarks>
public sealed partial class RatingStore
{
    private readonly int[] _userOffsets;
    private int[]? _users;
    private readonly int[] _items;
    private readonly float[] _values;
    private readonly uint[]? _timeOffsets;
    private readonly long _timeBase;
    private readonly int _count;
    private RatingColumns? _byItem;
    private RatingStatistics? _statistics;

    internal RatingStore(
        IdMap users,
        IdMap items,
        int[] userOffsets,
        int[] itemIndices,
        float[] values,
        uint[]? timeOffsets,
        long timeBase)
        : this(users, items, userOffsets, itemIndices, values, timeOffsets, timeBase, values.Length)
    {
    }

    /// <summary>A store over the first <paramref name="count"/> elements of its arrays, so that a
    /// builder's arrays can become the store's without a copy to trim a little spare room.</summary>
    internal RatingStore(
        IdMap users,
        IdMap items,
        int[] userOffsets,
        int[] itemIndices,
        float[] values,
        uint[]? timeOffsets,
        long timeBase,
        int count)
    {
        _count = count;
        Users = users;
        Items = items;
        // The row offsets already say whose each rating is; a per-rating user column would cost
        // 4 bytes per rating for nothing, so the store builds one only when someone asks for it.
        _userOffsets = userOffsets;
        _items = itemIndices;
        _values = values;
        _timeOffsets = timeOffsets;
        _timeBase = timeBase;
    }

    /// <summary>The raw ↔ dense map of user ids.</summary>
    public IdMap Users { get; }

    /// <summary>The raw ↔ dense map of item ids.</summary>
    public IdMap Items { get; }

    /// <summary>The number of ratings.</summary>
    public int Count => _count;

    /// <summary>The number of users in the index space (some may have no ratings in a split).</summary>
    public int UserCount => Users.Count;

    /// <summary>The number of items in the index space (some may have no ratings in a split).</summary>
    public int ItemCount => Items.Count;

    /// <summary>
    /// Dense user index of each rating, in store order (ascending). The store does not keep this
    /// column: it is spelled out from <see cref="UserOffsets"/> on first use (4 bytes per rating
    /// from then on). Code that walks the ratings user by user should use the offsets instead.
    /// </summary>
    public ReadOnlySpan<int> UserIndices
    {
        get
        {
            // Racing callers build identical columns; the first one published wins.
            int[] users = Volatile.Read(ref _users) ?? Interlocked.CompareExchange(ref _users, CopyUserIndices(), null) ?? _users!;
            return users.AsSpan(0, _count);
        }
    }

    /// <summary>Dense item index of each rating, in store order (ascending within a user).</summary>
    public ReadOnlySpan<int> ItemIndices => _items.AsSpan(0, _count);

    /// <summary>The rating values, in store order.</summary>
    public ReadOnlySpan<float> Values => _values.AsSpan(0, _count);

    /// <summary>
    /// CSR row offsets: the ratings of user <c>u</c> are positions
    /// <c>UserOffsets[u]</c> to <c>UserOffsets[u + 1] - 1</c>. Length is <c>UserCount + 1</c>.
    /// </summary>
    public ReadOnlySpan<int> UserOffsets => _userOffsets;

    /// <summary>Whether every rating carries a timestamp.</summary>
    public bool HasTimestamps => _timeOffsets is not null;

    /// <summary>The rating at a position.</summary>
    /// <param name="position">A position in [0, Count).</param>
    public Rating this[int position]
    {
        get
        {
            CheckPosition(position);
            return new(UserAt(position), _items[position], _values[position]);
        }
    }

    /// <summary>The timestamp (Unix seconds) of the rating at a position.</summary>
    /// <param name="position">A position in [0, Count).</param>
    /// <returns>The timestamp.</returns>
    /// <exception cref="InvalidOperationException">The store has no timestamps.</exception>
    public long GetTimestamp(int position)
    {
        if (_timeOffsets is null)
        {
            throw new InvalidOperationException("This store has no timestamps; check HasTimestamps first.");
        }

        CheckPosition(position);
        return _timeBase + _timeOffsets[position];
    }

    /// <summary>The items and values of one user's ratings.</summary>
    /// <param name="user">A dense user index.</param>
    /// <returns>The user's row of the matrix.</returns>
    public RatingRow GetUserRatings(int user)
    {
        if ((uint)user >= (uint)UserCount)
        {
            throw new ArgumentOutOfRangeException(nameof(user), user, $"A dense user index must be in [0, {UserCount}).");
        }

        int start = _userOffsets[user];
        int length = _userOffsets[user + 1] - start;
        return new RatingRow(start, _items.AsSpan(start, length), _values.AsSpan(start, length));
    }

    /// <summary>The item-major (CSC) view, built on first use and then shared.</summary>
    public RatingColumns ByItem
    {
        get
        {
            // Racing builders produce identical views; the first one published wins.
            return Volatile.Read(ref _byItem) ?? Interlocked.CompareExchange(ref _byItem, RatingColumns.Build(this), null) ?? _byItem!;
        }
    }

    /// <summary>Counts, means and the rating scale, computed on first use.</summary>
    public RatingStatistics Statistics =>
        Volatile.Read(ref _statistics) ?? Interlocked.CompareExchange(ref _statistics, RatingStatistics.Compute(this), null) ?? _statistics!;

    /// <summary>
    /// Bytes held by the rating arrays and the CSR offsets (not the id maps or the column view),
    /// including the user column of <see cref="UserIndices"/> once it has been asked for.
    /// </summary>
    public long SizeInBytes =>
        (_userOffsets.LongLength * sizeof(int))
        + ((Volatile.Read(ref _users)?.LongLength ?? 0) * sizeof(int))
        + (_items.LongLength * sizeof(int))
        + (_values.LongLength * sizeof(float))
        + ((_timeOffsets?.LongLength ?? 0) * sizeof(uint));

    /// <summary>Bytes held by the id maps.</summary>
    public long IdMapSizeInBytes => Users.SizeInBytes + (ReferenceEquals(Users, Items) ? 0 : Items.SizeInBytes);

    /// <summary>
    /// A store with the ratings at the given positions, sharing this store's id maps, so dense
    /// indices mean the same in both (the way splits keep train and test comparable).
    /// </summary>
    /// <param name="positions">Positions in [0, Count), in any order, without repeats.</param>
    /// <returns>The subset, in store order.</returns>
    public RatingStore Subset(ReadOnlySpan<int> positions)
    {
        int[] sorted = positions.ToArray();
        Array.Sort(sorted);
        for (int k = 0; k < sorted.Length; k++)
        {
            if ((uint)sorted[k] >= (uint)Count || (k > 0 && sorted[k] == sorted[k - 1]))
            {
                throw new ArgumentException($"Position {sorted[k]} is out of range [0, {Count}) or repeated.", nameof(positions));
            }
        }

        var items = new int[sorted.Length];
        var values = new float[sorted.Length];
        uint[]? times = _timeOffsets is null ? null : new uint[sorted.Length];
        var offsets = new int[UserCount + 1];
        int user = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            // Positions ascend, and so do the rows they fall in.
            int p = sorted[k];
            while (_userOffsets[user + 1] <= p)
            {
                user++;
            }

            items[k] = _items[p];
            values[k] = _values[p];
            if (times is not null)
            {
                times[k] = _timeOffsets![p];
            }

            offsets[user + 1]++;
        }

        for (int u = 0; u < UserCount; u++)
        {
            offsets[u + 1] += offsets[u];
        }

        return new RatingStore(Users, Items, offsets, items, values, times, _timeBase);
    }

    /// <summary>The same ratings with other values (one per position), sharing everything else.</summary>
    internal RatingStore WithValues(float[] values)
    {
        if (values.Length != _count)
        {
            throw new ArgumentException($"{values.Length} values for {_count} ratings.", nameof(values));
        }

        return new RatingStore(Users, Items, _userOffsets, _items, values, _timeOffsets, _timeBase);
    }

    /// <summary>A fresh array of the user index of each rating, for a caller that needs its own copy; the store keeps nothing.</summary>
    internal int[] CopyUserIndices()
    {
        var users = new int[_count];
        for (int u = 0; u + 1 < _userOffsets.Length; u++)
        {
            users.AsSpan(_userOffsets[u], _userOffsets[u + 1] - _userOffsets[u]).Fill(u);
        }

        return users;
    }

    // The row holding a position: the last user whose row starts at or before it.
    private int UserAt(int position)
    {
        int low = 0, high = _userOffsets.Length - 2;
        while (low < high)
        {
            int middle = (low + high + 1) >>> 1;
            if (_userOffsets[middle] <= position)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private void CheckPosition(int position)
    {
        if ((uint)position >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, $"A position must be in [0, {_count}).");
        }
    }
}
