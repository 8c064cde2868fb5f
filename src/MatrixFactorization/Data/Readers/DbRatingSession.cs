using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace MatrixFactorization.Data.Readers;

/// <summary>Reads ratings from the rows of a <see cref="DbDataReader"/>: columns found by the
/// options or by common names, values converted from whatever type the provider returns, and
/// bad rows reported by row number and column like bad lines of a file.</summary>
internal sealed class DbRatingSession
{
    private readonly DbDataReader _reader;
    private readonly string _source;
    private readonly RatingStoreBuilder _builder;
    private readonly ProblemLog _problems;
    private readonly IdMap _users;
    private readonly IdMap _items;
    private readonly string[] _names;
    private readonly int _user;
    private readonly int _item;
    private readonly int _rating;
    private readonly int _time;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _rows;

    public DbRatingSession(DbDataReader reader, RatingReadOptions options)
    {
        _reader = reader;
        _source = options.SourceName ?? "database";
        _names = new string[reader.FieldCount];
        for (int k = 0; k < _names.Length; k++)
        {
            _names[k] = reader.GetName(k);
        }

        _user = Resolve(options.UserColumn, "user", ColumnAliases.User, required: true);
        _item = Resolve(options.ItemColumn, "item", ColumnAliases.Item, required: true);
        _rating = Resolve(options.RatingColumn, "rating", ColumnAliases.Rating, required: true);
        _time = options.IgnoreTimestamps ? -1 : Resolve(options.TimestampColumn, "timestamp", ColumnAliases.Timestamp, required: false);
        new ColumnResolver(_names, _names.Length, true, _source, 0, string.Join(",", _names)).EnsureDistinct(_user, _item, _rating, _time);
        _builder = new RatingStoreBuilder(options.Duplicates, options.Scale) { SourceName = _source, Threads = options.Threads, WatchDuplicates = true, MaxRatings = options.MaxRatings, KeepFileOrder = options.KeepFileOrder };
        _problems = new ProblemLog(_source, options.SkipBadLines, options.MaxErrors);
        _users = _builder.UserMap(options.Ids ?? KindOf(_user));
        _items = _builder.ItemMap(options.Ids ?? KindOf(_item));
    }

    /// <summary>Reads the current row.</summary>
    public void ReadRow()
    {
        long row = ++_rows;
        if (!TryId(_user, _users.Kind, "user", row, out long rawUser, out string? userText)
            || !TryId(_item, _items.Kind, "item", row, out long rawItem, out string? itemText)
            || !TryRating(row, out float rating))
        {
            return;
        }

        long time = 0;
        if (_time >= 0 && !TryTimestamp(row, out time))
        {
            return;
        }

        int user = userText is null ? _users.GetOrAdd(rawUser) : _users.GetOrAdd(userText.AsSpan());
        int item = itemText is null ? _items.GetOrAdd(rawItem) : _items.GetOrAdd(itemText.AsSpan());
        if (_time >= 0)
        {
            _builder.AddIndexed(user, item, rating, time, row);
        }
        else
        {
            _builder.AddIndexed(user, item, rating, row);
        }
    }

    public LoadResult Finish()
    {
        if (_builder.Count == 0)
        {
            LoadError? first = _problems.Errors.Count > 0 ? _problems.Errors[0] : null;
            throw new RatingFormatException(
                _problems.Skipped > 0 ? $"none of the {_rows} rows could be read as a rating (the first: {first})" : "the query returned no rows",
                _source,
                first?.Line ?? 0,
                first?.Column ?? 0,
                first?.Value,
                first?.Hint ?? "Check the query and its filters.");
        }

        return LoadCompletion.Finish(_builder, _problems, new SourceSummary(_source, RatingFormat.Database, _rows), _clock);
    }

    private int Resolve(ColumnSelector? selector, string role, string[] aliases, bool required)
    {
        if (selector is ColumnSelector { Index: int index })
        {
            return index < _names.Length
                ? index
                : throw Error(string.Create(CultureInfo.InvariantCulture, $"the {role} column is set to index {index}, but the query returns only {_names.Length} columns"));
        }

        string[] wanted = selector is ColumnSelector { Name: string name } ? [name] : aliases;
        foreach (string candidate in wanted)
        {
            int at = Array.FindIndex(_names, n => string.Equals(n, candidate, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                return at;
            }
        }

        return required || selector is not null
            ? throw Error(selector is null ? $"the query has no column that looks like the {role} column" : $"the query has no column named '{wanted[0]}'")
            : -1;
    }

    private RatingDataException Error(string problem) =>
        new(problem, _source, hint: $"Set the column options by name or index; the query's columns are: {string.Join(", ", _names)}.");

    // Text ids are the safe guess when the provider cannot say: integers read fine as text.
    private IdKind KindOf(int column)
    {
        Type type;
        try
        {
            type = _reader.GetFieldType(column);
        }
        catch (InvalidOperationException)
        {
            return IdKind.String;
        }

        return Type.GetTypeCode(type) is TypeCode.Int64 or TypeCode.Int32 or TypeCode.Int16 or TypeCode.Byte
            or TypeCode.SByte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64
            ? IdKind.Integer
            : IdKind.String;
    }

    private bool TryId(int column, IdKind kind, string role, long row, out long value, out string? text)
    {
        value = 0;
        text = null;
        object raw = _reader.GetValue(column);
        if (raw is DBNull)
        {
            return Fail(row, column, $"the {role} id is NULL", null, $"Every rating needs a {role} id; filter NULLs out in the query.");
        }

        if (kind == IdKind.String)
        {
            text = Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty;
            return true;
        }

        switch (raw)
        {
            case long or int or short or byte or sbyte or ushort or uint:
                value = Convert.ToInt64(raw, CultureInfo.InvariantCulture);
                return true;
            case ulong u when u <= long.MaxValue:
                value = (long)u;
                return true;
            case double or float or decimal when IsWhole(raw, out value):
                return true;
            case string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value):
                return true;
            default:
                return Fail(row, column, $"the {role} id is not an integer", raw, "Set Ids = IdKind.String to read ids as text.");
        }
    }

    private bool TryRating(long row, out float rating)
    {
        object raw = _reader.GetValue(_rating);
        rating = raw switch
        {
            double d => (float)d,
            float f => f,
            decimal m => (float)m,
            long or int or short or byte => Convert.ToSingle(raw, CultureInfo.InvariantCulture),
            string s when float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed) => parsed,
            _ => float.NaN,
        };
        if (raw is DBNull)
        {
            return Fail(row, _rating, "the rating is NULL", null, "Every rating needs a value; filter NULLs out in the query.");
        }

        if (float.IsNaN(rating) && raw is not (double or float))
        {
            return Fail(row, _rating, "the rating is not a number", raw, "Ratings must be numbers.");
        }

        return _builder.Validate(rating) is not string problem
            || Fail(row, _rating, problem, raw, float.IsFinite(rating) ? "Fix the rating or declare a wider Scale." : "Ratings must be finite numbers.");
    }

    private bool TryTimestamp(long row, out long seconds)
    {
        object raw = _reader.GetValue(_time);
        seconds = 0;
        switch (raw)
        {
            case long or int or short:
                seconds = Convert.ToInt64(raw, CultureInfo.InvariantCulture);
                return true;
            case double or float or decimal when IsWhole(raw, out seconds):
                return true;
            case DateTime t:
                seconds = new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t).ToUnixTimeSeconds();
                return true;
            case DateTimeOffset t:
                seconds = t.ToUnixTimeSeconds();
                return true;
            case string s when Utf8Numbers.TryParseTimestamp(System.Text.Encoding.UTF8.GetBytes(s), out seconds):
                return true;
            default:
                return Fail(row, _time, raw is DBNull ? "the timestamp is NULL" : "the timestamp is neither an integer (Unix seconds) nor a date", raw, "Fix the value, set TimestampColumn, or set IgnoreTimestamps.");
        }
    }

    private static bool IsWhole(object raw, out long value)
    {
        double d = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
        bool whole = Math.Abs(d) < 9e18 && Math.Floor(d) == d;
        value = whole ? (long)d : 0;
        return whole;
    }

    private bool Fail(long row, int column, string problem, object? raw, string hint)
    {
        string value = raw is null or DBNull ? "NULL" : Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty;
        _problems.Report(row, column + 1, $"{problem} (column '{_names[column]}')", value, hint);
        return false;
    }
}
