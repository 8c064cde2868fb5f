using System.Globalization;
using System.Runtime.CompilerServices;

namespace MatrixFactorization.Data;

/// <summary>
/// A two-way map between raw ids (integers or strings) and dense indices 0..Count-1, assigned in
/// first-seen order. Both directions are O(1). A map is immutable once its store is built, so it is
/// safe to read from many threads.
/// </summary>
/// <remarks>
/// Integer ids that are small and non-negative (the common case: MovieLens, LIBMF and database
/// keys) are looked up in a direct table instead of a hash table, which is what makes loading
/// tens of millions of ratings per second possible. Larger or negative ids fall back to a
/// dictionary. Which path an id takes never changes its dense index.
/// </remarks>
public sealed class IdMap
{
    // Direct table covers ids in [0, MaxDirectId]; entries hold index + 1 so that 0 means absent.
    private const long MaxDirectId = (1L << 26) - 1;

    private int[] _direct = [];
    private Dictionary<long, int>? _integers;
    private readonly Dictionary<string, int>? _strings;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _stringLookup;
    private long[] _integerIds = [];
    private string[] _stringIds = [];
    private int _count;

    /// <summary>Creates an empty map for ids of the given kind.</summary>
    /// <param name="kind">Whether the raw ids are integers or strings.</param>
    public IdMap(IdKind kind)
    {
        Kind = kind;
        if (kind == IdKind.String)
        {
            _strings = new Dictionary<string, int>(StringComparer.Ordinal);
            _stringLookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }

    /// <summary>The kind of raw id this map holds.</summary>
    public IdKind Kind { get; }

    /// <summary>The number of distinct ids; dense indices run from 0 to <c>Count - 1</c>.</summary>
    public int Count => _count;

    /// <summary>Looks up the dense index of an integer id.</summary>
    /// <param name="id">The raw id.</param>
    /// <param name="index">The dense index, or -1 when the id is unknown.</param>
    /// <returns><see langword="true"/> when the id is known.</returns>
    public bool TryGetIndex(long id, out int index)
    {
        if (Kind == IdKind.String)
        {
            return TryGetIndex(id.ToString(CultureInfo.InvariantCulture), out index);
        }

        index = FindInteger(id);
        return index >= 0;
    }

    /// <summary>Looks up the dense index of an id given as text (an integer map parses it).</summary>
    /// <param name="id">The raw id.</param>
    /// <param name="index">The dense index, or -1 when the id is unknown.</param>
    /// <returns><see langword="true"/> when the id is known.</returns>
    public bool TryGetIndex(string id, out int index)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryGetIndex(id.AsSpan(), out index);
    }

    /// <summary>Looks up the dense index of an id given as text (an integer map parses it).</summary>
    /// <param name="id">The raw id.</param>
    /// <param name="index">The dense index, or -1 when the id is unknown.</param>
    /// <returns><see langword="true"/> when the id is known.</returns>
    public bool TryGetIndex(ReadOnlySpan<char> id, out int index)
    {
        if (Kind == IdKind.String)
        {
            if (_stringLookup.TryGetValue(id, out index))
            {
                return true;
            }

            index = -1;
            return false;
        }

        if (long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            index = FindInteger(value);
            return index >= 0;
        }

        index = -1;
        return false;
    }

    /// <summary>Returns the raw id of a dense index as text (integers in invariant culture).</summary>
    /// <param name="index">A dense index in [0, Count).</param>
    /// <returns>The raw id.</returns>
    public string GetId(int index)
    {
        CheckIndex(index);
        return Kind == IdKind.String
            ? _stringIds[index]
            : _integerIds[index].ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the raw integer id of a dense index.</summary>
    /// <param name="index">A dense index in [0, Count).</param>
    /// <returns>The raw id.</returns>
    /// <exception cref="InvalidOperationException">The map holds string ids.</exception>
    public long GetInt64Id(int index)
    {
        CheckIndex(index);
        if (Kind == IdKind.String)
        {
            throw new InvalidOperationException("This map holds string ids; use GetId to read them.");
        }

        return _integerIds[index];
    }

    /// <summary>Returns the index for an integer id, adding it when it is new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int GetOrAdd(long id)
    {
        // Fast path: a direct-table hit (string maps have no table). The unsigned compare also
        // rejects negative ids.
        int[] direct = _direct;
        if ((ulong)id < (ulong)direct.Length)
        {
            int slot = direct[id];
            if (slot != 0)
            {
                return slot - 1;
            }
        }

        return Kind == IdKind.String ? GetOrAdd(id.ToString(CultureInfo.InvariantCulture).AsSpan()) : AddInteger(id);
    }

    /// <summary>Returns the index for an id given as text, adding it when it is new.</summary>
    /// <exception cref="FormatException">An integer map is given text that is not an integer.</exception>
    internal int GetOrAdd(ReadOnlySpan<char> id)
    {
        if (Kind == IdKind.Integer)
        {
            if (!long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            {
                throw new FormatException($"'{id}' is not an integer id, but this map holds integer ids.");
            }

            return GetOrAdd(value);
        }

        if (_stringLookup.TryGetValue(id, out int index))
        {
            return index;
        }

        string key = id.ToString();
        index = _count;
        _strings!.Add(key, index);
        Append(ref _stringIds, key);
        return index;
    }

    private int FindInteger(long id)
    {
        int[] direct = _direct;
        if ((ulong)id < (ulong)direct.Length)
        {
            return direct[id] - 1;
        }

        return _integers is not null && _integers.TryGetValue(id, out int index) ? index : -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AddInteger(long id)
    {
        if (_integers is not null && _integers.TryGetValue(id, out int existing))
        {
            return existing;
        }

        int index = _count;

        // An id inside the table's current range must go into the table even when the density
        // bound would refuse it: lookups of in-range ids never consult the dictionary.
        if ((ulong)id < (ulong)_direct.Length
            || (id >= 0 && id <= MaxDirectId && id < Math.Max(1L << 16, 8L * (index + 1))))
        {
            // Dense-enough ids: grow the table (doubling) and move over any dictionary entries it now covers.
            if (id >= _direct.Length)
            {
                GrowDirect(id);
            }

            _direct[id] = index + 1;
        }
        else
        {
            _integers ??= [];
            _integers.Add(id, index);
        }

        Append(ref _integerIds, id);
        return index;
    }

    private void GrowDirect(long id)
    {
        long size = Math.Max(1024, _direct.Length);
        while (size <= id)
        {
            size *= 2;
        }

        size = Math.Min(size, MaxDirectId + 1);
        int[] grown = new int[size];
        _direct.CopyTo(grown, 0);
        if (_integers is not null)
        {
            foreach (KeyValuePair<long, int> pair in _integers)
            {
                if ((ulong)pair.Key < (ulong)size)
                {
                    grown[pair.Key] = pair.Value + 1;
                    _integers.Remove(pair.Key);
                }
            }
        }

        _direct = grown;
    }

    private void Append<T>(ref T[] ids, T id)
    {
        if (_count == ids.Length)
        {
            Array.Resize(ref ids, Math.Max(16, ids.Length * 2));
        }

        ids[_count++] = id;
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"A dense index must be in [0, {_count}).");
        }
    }

    /// <summary>Approximate heap bytes held by this map.</summary>
    internal long SizeInBytes =>
        (_direct.LongLength * sizeof(int))
        + (_integerIds.LongLength * sizeof(long))
        + (_stringIds.LongLength * IntPtr.Size)
        + ((_integers?.Count ?? 0) * 24L)
        + ((_strings?.Count ?? 0) * 24L);
}
