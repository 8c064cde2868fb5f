namespace MatrixFactorization.Cli;

/// <summary>An input file the command cannot use: missing, a folder, or unreadable (exit code 3).</summary>
internal sealed class BadDataException(string message) : Exception(message);
