namespace MatrixFactorization.Data.Readers;

/// <summary>How fields are separated on a line.</summary>
internal enum DelimiterKind
{
    /// <summary>One byte, such as a comma or a tab.</summary>
    Byte,

    /// <summary>Several bytes, such as <c>::</c>.</summary>
    Text,

    /// <summary>Runs of spaces and tabs; leading and trailing ones are ignored.</summary>
    Whitespace,
}

/// <summary>Everything the parser needs to know about a text file, settled from the options and
/// the first lines before any rating is read.</summary>
internal sealed class TextLayout
{
    public required RatingFormat Format { get; init; }

    public required DelimiterKind Kind { get; init; }

    /// <summary>The delimiter's bytes (empty for whitespace).</summary>
    public required byte[] Delimiter { get; init; }

    public required bool HasHeader { get; init; }

    /// <summary>The number of fields every rating line must have.</summary>
    public required int FieldCount { get; init; }

    public required int UserColumn { get; init; }

    public required int ItemColumn { get; init; }

    public required int RatingColumn { get; init; }

    /// <summary>The timestamp column, or -1 for none.</summary>
    public required int TimestampColumn { get; init; }

    public required IdKind UserIds { get; init; }

    public required IdKind ItemIds { get; init; }

    /// <summary>Whether fields may be quoted as in CSV (delimited files only).</summary>
    public required bool Quotes { get; init; }

    /// <summary>The delimiter as text for reports: <c>"\t"</c>, <c>","</c>, <c>"::"</c>, or a
    /// space for whitespace runs.</summary>
    public string DelimiterText => Kind == DelimiterKind.Whitespace ? " " : System.Text.Encoding.ASCII.GetString(Delimiter);

    /// <summary>The delimiter as people write it in messages.</summary>
    public string DelimiterName => DescribeDelimiter(DelimiterText, Kind);

    /// <summary>Whether lines can take the fast path: integer ids and the columns in the order
    /// user, item, rating, then at most a timestamp (which may be ignored).</summary>
    public bool IsFastPathLayout =>
        UserIds == IdKind.Integer && ItemIds == IdKind.Integer
        && UserColumn == 0 && ItemColumn == 1 && RatingColumn == 2
        && (FieldCount == 3 ? TimestampColumn < 0 : FieldCount == 4 && TimestampColumn is 3 or -1)
        && (Kind != DelimiterKind.Text || DelimiterText == "::");

    public static string DescribeDelimiter(string delimiter, DelimiterKind kind) => kind switch
    {
        DelimiterKind.Whitespace => "spaces or tabs",
        _ => delimiter switch
        {
            "\t" => "tab",
            " " => "a space",
            _ => $"'{delimiter}'",
        },
    };
}
