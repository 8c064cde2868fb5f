using System.Text;
using MatrixFactorization.Foundation;

namespace MatrixFactorization.Data;

/// <summary>
/// How <see cref="RatingReader"/> reads ratings. Every setting has a sensible default, and
/// anything left unset is taken from the format or detected from the first lines. Values are
/// checked when set, so an invalid option fails where it is written, not deep inside a read, with
/// an exception that names the option, what it allows and the value it got.
/// </summary>
public sealed record RatingReadOptions
{
    /// <summary>The defaults: detect everything, stop at the first bad line, reject duplicates.</summary>
    public static RatingReadOptions Default { get; } = new();

    /// <summary>The file layout; <see cref="RatingFormat.Auto"/> (the default) detects it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined format, or is <see cref="RatingFormat.Database"/>, which only a query has, or <see cref="RatingFormat.Snapshot"/>, which <see cref="RatingSnapshot"/> reads.</exception>
    public RatingFormat Format
    {
        get;
        init
        {
            if (value is RatingFormat.Database or RatingFormat.Snapshot || !Enum.IsDefined(value))
            {
                string why = value switch
                {
                    RatingFormat.Database => ", the format of a query's results (read those with RatingReader.Read of a DbCommand)",
                    RatingFormat.Snapshot => ", a binary format (read snapshots with RatingSnapshot.Read)",
                    _ => string.Empty,
                };
                throw new ArgumentOutOfRangeException(
                    nameof(Format),
                    value,
                    $"{nameof(Format)} must be one of Auto, MovieLens, Ml100k, Dat, Libmf, Delimited; got {value}{why}.");
            }

            field = value;
        }
    }

    /// <summary>
    /// The field delimiter, such as <c>","</c>, <c>"\t"</c>, <c>";"</c> or <c>"::"</c>; null (the
    /// default) uses the format's delimiter or detects it. A single space means exactly one space;
    /// LIBMF files, whose fields are separated by runs of spaces or tabs, need no delimiter.
    /// </summary>
    /// <exception cref="ArgumentException">The value is empty, not ASCII, or holds a quote or a line break.</exception>
    public string? Delimiter
    {
        get;
        init
        {
            if (value is not null && (value.Length == 0 || value.AsSpan().IndexOfAny('"', '\r', '\n') >= 0 || !Ascii.IsValid(value)))
            {
                throw new ArgumentException(
                    $"{nameof(Delimiter)} must be null or non-empty ASCII text without quotes or line breaks; got \"{value.ReplaceLineEndings("\\n")}\".",
                    nameof(Delimiter));
            }

            field = value;
        }
    }

    /// <summary>Whether the first line is a header; null (the default) detects it for MovieLens and
    /// delimited files and assumes none for ml-100k, <c>.dat</c> and LIBMF files.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>The column of user ids; null takes it from the format or the header.</summary>
    public ColumnSelector? UserColumn { get => field; init => field = Check(value, nameof(UserColumn)); }

    /// <summary>The column of item ids; null takes it from the format or the header.</summary>
    public ColumnSelector? ItemColumn { get => field; init => field = Check(value, nameof(ItemColumn)); }

    /// <summary>The column of ratings; null takes it from the format or the header.</summary>
    public ColumnSelector? RatingColumn { get => field; init => field = Check(value, nameof(RatingColumn)); }

    /// <summary>The column of timestamps (Unix seconds, or dates in ISO 8601); null takes it from
    /// the format or the header, and a file without one loads without timestamps.</summary>
    public ColumnSelector? TimestampColumn { get => field; init => field = Check(value, nameof(TimestampColumn)); }

    /// <summary>Whether to drop timestamps even when the data has them (saves 4 bytes a rating).</summary>
    public bool IgnoreTimestamps { get; init; }

    /// <summary>What to do with a (user, item) pair rated more than once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined policy.</exception>
    public DuplicatePolicy Duplicates { get; init => field = OptionGuard.Defined(value, nameof(Duplicates)); }

    /// <summary>When set, a rating outside [Min, Max] is a bad line.</summary>
    /// <exception cref="ArgumentException">The bounds are not finite, or Min exceeds Max.</exception>
    public RatingScale? Scale
    {
        get;
        init
        {
            if (value is RatingScale s && (!float.IsFinite(s.Min) || !float.IsFinite(s.Max) || s.Min > s.Max))
            {
                throw new ArgumentException($"{nameof(Scale)} must be null or have finite bounds with Min <= Max; got {s}.", nameof(Scale));
            }

            field = value;
        }
    }

    /// <summary>Whether to skip bad lines, counting them in the report, instead of stopping at the first.</summary>
    public bool SkipBadLines { get; init; }

    /// <summary>How many skipped lines the report describes in detail (all are counted), at least 0. Default 100.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxErrors { get; init => field = OptionGuard.AtLeast(value, 0, nameof(MaxErrors)); } = 100;

    /// <summary>The kind of raw ids; null (the default) detects it for users and items separately
    /// from the first rating.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined kind.</exception>
    public IdKind? Ids { get; init => field = value is IdKind kind ? OptionGuard.Defined(kind, nameof(Ids)) : null; }

    /// <summary>How many threads a read may use: 0 (the default) for all cores, 1 to do all the
    /// work on the calling thread. Above one, the calling thread reads the file and adds blocks
    /// of lines that up to that many less one other threads parse ahead, and rows are sorted by
    /// item on up to that many threads. The store is the same whatever the number.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int Threads { get; init => field = OptionGuard.AtLeast(value, 0, nameof(Threads)); }

    /// <summary>The longest line a text read accepts, in bytes with its line break, from 1 MB
    /// (the default, and the size of the blocks a read takes) to 1 GB. Rating lines are a few
    /// dozen bytes, and a read holds a few blocks at once, each at least a line long, so the cap
    /// is what keeps data without line breaks (or with lone carriage returns for them) from
    /// taking gigabytes of memory before it fails.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [2^20, 2^30].</exception>
    public int MaxLineLength { get; init => field = OptionGuard.InRange(value, 1 << 20, 1 << 30, nameof(MaxLineLength)); } = 1 << 20;

    /// <summary>The most ratings a read takes, from 1 to <see cref="Array.MaxLength"/> (the
    /// default, what one store holds); more is an error naming the first line beyond. A read
    /// holds about 12 bytes a rating (16 with timestamps), so this bounds its memory: compressed
    /// data, in which a short file can hold billions of lines, may want a lower bound.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [1, Array.MaxLength].</exception>
    public int MaxRatings { get; init => field = OptionGuard.InRange(value, 1, Array.MaxLength, nameof(MaxRatings)); } = Array.MaxLength;

    /// <summary>Whether the result also lists the ratings in the order the data gave them
    /// (<see cref="LoadResult.FileOrder"/>), for answers that must follow the input line by line.
    /// Costs 12 bytes a rating for as long as the result is held. Default false.</summary>
    public bool KeepFileOrder { get; init; }

    /// <summary>A name for the data in reports and errors; defaults to the file name.</summary>
    public string? SourceName { get; init; }

    /// <summary>
    /// Told how many bytes of the file or stream a read has taken so far: after about every
    /// megabyte and at the end of the data, on the reading thread, in increasing order. The bytes
    /// are those of the source as stored (compressed bytes for gzip data), so a file's length is
    /// their total. Null (the default) reports nothing and adds no work; reads of a query do not report.
    /// </summary>
    public IProgress<long>? Progress { get; init; }

    private static ColumnSelector? Check(ColumnSelector? value, string name)
    {
        if (value is ColumnSelector c && c.Index is null && c.Name is null)
        {
            throw new ArgumentException(
                $"{name} must be null or a selector made by ColumnSelector.ByIndex or ByName (or from an int or a string); got an empty selector.",
                name);
        }

        return value;
    }
}
