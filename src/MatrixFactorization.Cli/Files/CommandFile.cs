namespace MatrixFactorization.Cli.Files;

/// <summary>A file a command reads or writes, with the option that names it (for messages).</summary>
/// <param name="Option">The option or argument as the user sees it, e.g. <c>--save</c>.</param>
/// <param name="Path">The path given, or null when the option was left out.</param>
internal readonly record struct CommandFile(string Option, string? Path);
