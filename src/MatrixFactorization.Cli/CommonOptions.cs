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

    public static Option<RatingFormat> Format() => new("--format")
    {
        Description = "Input format: auto, movielens, ml100k, dat, libmf or delimited.",
        DefaultValueFactory = _ => RatingFormat.Auto,
    };

    public static Option<DuplicatePolicy> Duplicates() => new("--duplicates")
    {
        Description = "Repeated (user, item) pairs: error, keeplast, keepfirst or average.",
        DefaultValueFactory = _ => DuplicatePolicy.Error,
    };

    public static Option<bool> SkipBadLines() => new("--skip-bad-lines") { Description = "Skip malformed lines (counted and reported) instead of stopping." };
}
