using System.CommandLine;
using MatrixFactorization.Cli.Commands;
using MatrixFactorization.Data;
using MatrixFactorization.Persistence;
using MatrixFactorization.Training;

namespace MatrixFactorization.Cli;

/// <summary>The <c>mf</c> command tree, and the one place that turns failures into exit codes.</summary>
internal static class CliApplication
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RootCommand root = new("mf: inspect, split and synthesize rating data; train and evaluate matrix factorization models.")
        {
            DataCommands.Create(output),
            TrainCommand.Create(output),
            RecommendCommand.Create(output),
            SimilarCommand.Create(output),
            EvaluateCommand.Create(output),
            CrossValidateCommand.Create(output),
            SearchCommand.Create(output),
            ModelInfoCommand.Create(output),
        };

        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"mf: {parseError.Message}");
            }

            error.WriteLine("Run 'mf --help' for usage.");
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
            error.WriteLine($"mf: {message.ReplaceLineEndings(" ")}");
            if (verbose)
            {
                error.WriteLine(e.ToString());
            }

            return code;
        }
    }

    private static (int Code, string Message) Classify(Exception e) => e switch
    {
        UsageException => (ExitCodes.Usage, e.Message),
        ArgumentException => (ExitCodes.Usage, e.Message),
        RatingDataException => (ExitCodes.BadData, e.Message),
        ModelFormatException => (ExitCodes.BadData, e.Message),
        FileNotFoundException f => (ExitCodes.BadData, $"file not found: {f.FileName ?? f.Message}"),
        DirectoryNotFoundException => (ExitCodes.BadData, e.Message),
        TrainingDivergedException => (ExitCodes.Failure, e.Message),
        _ => (ExitCodes.Failure, $"{e.GetType().Name}: {e.Message}"),
    };
}
