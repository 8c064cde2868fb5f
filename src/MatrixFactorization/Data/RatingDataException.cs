using System.Globalization;
using System.Text;

namespace MatrixFactorization.Data;

/// <summary>
/// Rating data that cannot be used as it is. The message says what is wrong, where (source,
/// line, column), the offending text, and how to fix it; the same facts are properties.
/// </summary>
public class RatingDataException : Exception
{
    /// <summary>Creates an exception from its parts; the message is composed from them.</summary>
    /// <param name="problem">What is wrong, as a short sentence without a trailing period.</param>
    /// <param name="source">The file name or other source description, if known.</param>
    /// <param name="line">The 1-based line (or record) number, or 0 when not applicable.</param>
    /// <param name="column">The 1-based column (field) number, or 0 when not applicable.</param>
    /// <param name="value">The offending text, if any.</param>
    /// <param name="hint">How to fix it.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public RatingDataException(
        string problem,
        string? source = null,
        long line = 0,
        int column = 0,
        string? value = null,
        string? hint = null,
        Exception? innerException = null)
        : base(Compose(problem, source, line, column, value, hint), innerException)
    {
        Problem = problem;
        SourceName = source;
        Line = line;
        Column = column;
        Value = value;
        Hint = hint;
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public RatingDataException()
        : this("the rating data is invalid")
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    /// <param name="message">What is wrong.</param>
    public RatingDataException(string message)
        : this(message, source: null)
    {
    }

    /// <summary>Creates an exception with a plain message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying error.</param>
    public RatingDataException(string message, Exception innerException)
        : this(message, source: null, innerException: innerException)
    {
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The file name or other source description, or null.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line (or record) number, or 0 when not applicable.</summary>
    public long Line { get; }

    /// <summary>The 1-based column (field) number, or 0 when not applicable.</summary>
    public int Column { get; }

    /// <summary>The offending text, or null.</summary>
    public string? Value { get; }

    /// <summary>How to fix it, or null.</summary>
    public string? Hint { get; }

    private static string Compose(string problem, string? source, long line, int column, string? value, string? hint)
    {
        var text = new StringBuilder();
        if (source is not null)
        {
            text.Append(source);
        }

        if (line > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{(source is null ? "line " : ":")}{line}");
            if (column > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $":{column}");
            }
        }

        if (text.Length > 0)
        {
            text.Append(": ");
        }

        text.Append(problem);
        if (value is not null)
        {
            text.Append(" '").Append(Shorten(value)).Append('\'');
        }

        text.Append('.');
        if (hint is not null)
        {
            text.Append(' ').Append(hint);
        }

        return text.ToString();
    }

    // Binary garbage can be megabytes on one "line"; the message only needs enough to recognise it.
    private static string Shorten(string value)
    {
        const int Max = 80;
        var printable = new StringBuilder(Math.Min(value.Length, Max + 3));
        foreach (char c in value.AsSpan(0, Math.Min(value.Length, Max)))
        {
            printable.Append(char.IsControl(c) ? '?' : c);
        }

        if (value.Length > Max)
        {
            printable.Append("...");
        }

        return printable.ToString();
    }
}
