using System.CommandLine;
using System.CommandLine.Parsing;
using MatrixFactorization.Cli.Commands;
using MatrixFactorization.Cli.Progress;
using MatrixFactorization.Data;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli;

/// <summary>The <c>mf</c> command tree, and the one place that turns failures into exit codes.</summary>
internal static class CliApplication
{
    /// <summary>Runs with both streams redirected: progress, when not quiet, as plain lines on <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, Terminal.Redirected(error));

    public static int Run(string[] args, TextWriter output, Terminal terminal)
    {
        TextWriter error = terminal.Error;
        RootCommand root = new("mf: inspect, split and synthesize rating data; train and evaluate matrix factorization models.")
        {
            DataCommands.Create(output, terminal),
            TrainCommand.Create(output, terminal),
            RecommendCommand.Create(output),
            PredictCommand.Create(output, error),
            SimilarCommand.Create(output),
            EvaluateCommand.Create(output, terminal),
            CrossValidateCommand.Create(output, terminal),
            SearchCommand.Create(output, terminal),
            ModelInfoCommand.Create(output),
            PlotCommand.Create(output, terminal),
        };

        if (args.Length == 0)
        {
            // Like git and dotnet, a bare command shows what it can do and does not count as success.
            root.Parse("--help").Invoke(new InvocationConfiguration { Output = output, Error = error });
            return ExitCodes.Usage;
        }

        ParseResult parse = root.Parse(args);
        bool json = args.Contains("--json");
        if (parse.Errors.Count > 0)
        {
            using var lines = new StringWriter();
            WriteParseErrors(parse, lines);
            if (json)
            {
                ErrorJson.Write(output, ExitCodes.Usage, lines.ToString().ReplaceLineEndings(" ").Replace("mf: ", string.Empty, StringComparison.Ordinal).Trim(), null);
            }
            else
            {
                error.Write(lines.ToString());
            }

            return ExitCodes.Usage;
        }

        bool verbose = args.Contains("--verbose");
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            (int code, string message) = Classify(e);
            // One line: exception messages (ArgumentOutOfRangeException's) may span several.
            if (json)
            {
                ErrorJson.Write(output, code, message.ReplaceLineEndings(" "), e);
            }
            else
            {
                error.WriteLine($"mf: {message.ReplaceLineEndings(" ")}");
            }

            if (verbose)
            {
                error.WriteLine(e.ToString());
            }

            return code;
        }
    }

    /// <summary>The exit code of a failure and its message; type names only with --verbose (the stack trace).</summary>
    internal static (int Code, string Message) Classify(Exception e) => e switch
    {
        UsageException => (ExitCodes.Usage, e.Message),
        ArgumentException => (ExitCodes.Usage, e.Message),
        BadDataException => (ExitCodes.BadData, e.Message),
        RatingDataException => (ExitCodes.BadData, CliTerms.Of(e.Message)),
        ModelFormatException => (ExitCodes.BadData, e.Message),
        FileNotFoundException f => (ExitCodes.BadData, $"file not found: {f.FileName ?? f.Message}"),
        DirectoryNotFoundException => (ExitCodes.BadData, e.Message),
        TrainingDivergedException => (ExitCodes.Failure, e.Message),
        IOException or UnauthorizedAccessException => (ExitCodes.Failure, $"a file could not be read or written: {e.Message} Run again with --verbose for details."),
        _ => (ExitCodes.Failure, $"unexpected error: {e.Message} Run again with --verbose for details."),
    };

    private static void WriteParseErrors(ParseResult parse, TextWriter error)
    {
        Command command = parse.CommandResult.Command;
        var inherited = new List<Option>();
        for (SymbolResult? parent = parse.CommandResult.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is CommandResult ancestor)
            {
                inherited.AddRange(ancestor.Command.Options.Where(o => o.Recursive));
            }
        }

        var suggested = parse.UnmatchedTokens
            .Select(token => (Token: token, Suggestion: Suggestions.For(token, command, inherited)))
            .Where(t => t.Suggestion is not null)
            .ToList();
        // The errors about mistyped words first: they usually explain the rest.
        foreach (ParseError parseError in parse.Errors.OrderBy(e => parse.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)) ? 0 : 1))
        {
            string? hint = suggested.FirstOrDefault(t => parseError.Message.Contains($"'{t.Token}'", StringComparison.Ordinal)).Suggestion;
            string message = ValueErrors.Message(parseError);
            error.WriteLine(hint is null ? $"mf: {message}" : $"mf: {message} Did you mean '{hint}'?");
        }

        string path = string.Join(' ', CommandPath(parse.CommandResult));
        error.WriteLine($"Run '{path} --help' for usage.");
    }

    private static IEnumerable<string> CommandPath(CommandResult? result) =>
        result is null ? [] : CommandPath(result.Parent as CommandResult).Append(result.Parent is null ? "mf" : result.Command.Name);
}
