namespace MatrixFactorization.Cli;

/// <summary>
/// The process exit codes of <c>mf</c>. The rule between 2 and 3: what the command line says is
/// usage (a wrong option, or an output that cannot be written there), what an input file holds or
/// whether it can be read is data.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Anything unexpected, and training that diverged.</summary>
    public const int Failure = 1;

    /// <summary>
    /// The command line is wrong: an unknown command or option, a value out of range, no command at
    /// all (help is printed), or an output that would replace an input or another output, lies in a
    /// folder that does not exist or cannot be written, or is a folder. All are checked before any
    /// work starts.
    /// </summary>
    public const int Usage = 2;

    /// <summary>An input file is bad: missing, a folder, unreadable, malformed, damaged or with refused duplicates.</summary>
    public const int BadData = 3;
}
