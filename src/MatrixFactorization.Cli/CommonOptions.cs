using System.CommandLine;
using MatrixFactorization.Data;

namespace MatrixFactorization.Cli;

/// <summary>Options several commands share, made fresh per command (an option belongs to one parent).</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of text." };

    public static Option<bool> Quiet() => new("--quiet")
    {
        Description = "Show no progress. Progress goes to standard error (a live bar on a terminal, plain lines otherwise), never to standard output, which holds the result alone.",
    };

    public static Option<bool> Verbose() => new("--verbose") { Description = "Print the stack trace of an error." };

    // Database is what LoadReport says of rows read through ADO.NET, not a file format.
    public static Option<RatingFormat> Format() => ChoiceOption.Create(
        "--format",
        "Input format: auto, movielens, ml100k, dat, libmf or delimited.",
        RatingFormat.Auto,
        RatingFormat.Auto, RatingFormat.MovieLens, RatingFormat.Ml100k, RatingFormat.Dat, RatingFormat.Libmf, RatingFormat.Delimited);

    public static Option<DuplicatePolicy> Duplicates() => ChoiceOption.Create(
        "--duplicates", "Repeated (user, item) pairs: error, keeplast, keepfirst or average.", DuplicatePolicy.Error, Enum.GetValues<DuplicatePolicy>());

    public static Option<bool> SkipBadLines() => new("--skip-bad-lines") { Description = "Skip malformed lines (counted and reported) instead of stopping." };

    public static Option<bool> StringIds() => new("--string-ids")
    {
        Description = "Read user and item ids as text (SKUs, hashes, GUIDs) instead of detecting their kind from the first rating.",
    };
}
