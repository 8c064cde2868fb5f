namespace MatrixFactorization.Cli.Progress;

/// <summary>
/// Where the command's streams go: the error writer that progress is written to, and whether
/// each stream is a terminal. Progress always goes to the error stream, so the output stream
/// holds the result alone (and stays parseable with <c>--json</c>).
/// </summary>
/// <param name="Error">The error writer.</param>
/// <param name="OutputIsTerminal">Whether the output stream is a terminal, where tables are drawn with borders.</param>
/// <param name="ErrorIsTerminal">Whether the error stream is a terminal, where progress is a live bar instead of lines.</param>
internal sealed record Terminal(TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal)
{
    /// <summary>Both streams redirected: plain progress lines, plain tables.</summary>
    public static Terminal Redirected(TextWriter error) => new(error, false, false);

    /// <summary>The process's own console.</summary>
    public static Terminal OfConsole() => new(Console.Error, !Console.IsOutputRedirected, !Console.IsErrorRedirected);

    /// <summary>Starts the progress of one command: none when quiet, a live bar on a terminal
    /// that can draw one, plain lines otherwise.</summary>
    /// <param name="quiet">Whether progress is off.</param>
    /// <param name="output">The command's output writer.</param>
    public CommandProgress StartProgress(bool quiet, TextWriter output)
    {
        if (quiet)
        {
            return new QuietProgress(output);
        }

        return ErrorIsTerminal && LiveProgress.TryStart(Error, output) is LiveProgress live ? live : new LineProgress(Error, output);
    }
}
