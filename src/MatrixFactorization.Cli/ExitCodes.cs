namespace MatrixFactorization.Cli;

/// <summary>The process exit codes of <c>mf</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Anything unexpected.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong (unknown option, bad value).</summary>
    public const int Usage = 2;

    /// <summary>The input data is bad (malformed file, missing file, duplicates).</summary>
    public const int BadData = 3;
}
