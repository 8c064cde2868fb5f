using System.Globalization;
using System.Text;

namespace MatrixFactorization.Data;

/// <summary>
/// An account of a read: what was found, what was kept, what was skipped and why, and how long
/// it took. Every line of the input is accounted for: header, blank, skipped, or rating.
/// </summary>
public sealed class LoadReport
{
    internal LoadReport()
    {
    }

    /// <summary>The file name or other description of the data.</summary>
    public string SourceName { get; internal init; } = string.Empty;

    /// <summary>The format that was read (detected or as requested).</summary>
    public RatingFormat Format { get; internal init; }

    /// <summary>The field delimiter as written in the data (<c>"\t"</c> for a tab, <c>" "</c> for
    /// LIBMF's runs of spaces and tabs), or empty for database rows.</summary>
    public string Delimiter { get; internal init; } = string.Empty;

    /// <summary>Whether the first line was a header.</summary>
    public bool HasHeader { get; internal init; }

    /// <summary>Whether the data was gzip-compressed.</summary>
    public bool Compressed { get; internal init; }

    /// <summary>Lines (or database rows) read, including the header and blank lines.</summary>
    public long LinesRead { get; internal init; }

    /// <summary>Blank lines, which hold nothing and are passed over.</summary>
    public long BlankLines { get; internal init; }

    /// <summary>Lines read as ratings, before duplicates are resolved.</summary>
    public long RatingsRead { get; internal init; }

    /// <summary>Ratings in the store.</summary>
    public long RatingsKept { get; internal init; }

    /// <summary>Bad lines skipped (only with <see cref="RatingReadOptions.SkipBadLines"/>).</summary>
    public long LinesSkipped { get; internal init; }

    /// <summary>The first skipped lines, up to <see cref="RatingReadOptions.MaxErrors"/>, in line order.</summary>
    public IReadOnlyList<LoadError> Errors { get; internal init; } = [];

    /// <summary>Ratings merged away by the duplicate policy.</summary>
    public long DuplicatesResolved { get; internal init; }

    /// <summary>Distinct (user, item) pairs that were rated more than once.</summary>
    public long DuplicatePairs { get; internal init; }

    /// <summary>Whether the store kept timestamps.</summary>
    public bool HasTimestamps { get; internal init; }

    /// <summary>Time from opening the data to the finished store.</summary>
    public TimeSpan Elapsed { get; internal init; }

    /// <summary>Ratings read per second of <see cref="Elapsed"/>.</summary>
    public double RatingsPerSecond => Elapsed > TimeSpan.Zero ? RatingsRead / Elapsed.TotalSeconds : 0;

    /// <summary>A few lines for people: source, format, counts and problems.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        CultureInfo c = CultureInfo.InvariantCulture;
        text.Append(c, $"{SourceName}: {Format}{(Compressed ? " (gzip)" : string.Empty)}, ");
        text.Append(c, $"{RatingsKept:N0} ratings kept of {RatingsRead:N0} read from {LinesRead:N0} lines");
        text.Append(c, $" in {Elapsed.TotalMilliseconds:N0} ms ({RatingsPerSecond / 1e6:N1}M ratings/s)");
        if (DuplicatesResolved > 0)
        {
            text.Append(c, $"; {DuplicatesResolved:N0} duplicates resolved over {DuplicatePairs:N0} pairs");
        }

        if (LinesSkipped > 0)
        {
            text.Append(c, $"; {LinesSkipped:N0} bad lines skipped");
            foreach (LoadError error in Errors)
            {
                text.AppendLine().Append("  ").Append(error);
            }

            if (Errors.Count < LinesSkipped)
            {
                text.AppendLine().Append(c, $"  ... and {LinesSkipped - Errors.Count:N0} more");
            }
        }

        return text.ToString();
    }
}
