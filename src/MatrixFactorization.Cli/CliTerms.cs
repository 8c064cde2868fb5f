namespace MatrixFactorization.Cli;

/// <summary>
/// Puts the library's advice in command-line terms: a hint that names a library setting is no
/// help to someone at a prompt, who needs the flag that sets it.
/// </summary>
internal static class CliTerms
{
    private static readonly (string Library, string Cli)[] Settings =
    [
        (" (as detected from the first rating or set by Ids)", " (as detected from the first rating)"),
        ("set Ids = IdKind.String to read ids as text", "pass --string-ids to read ids as text"),
    ];

    public static string Of(string message)
    {
        foreach ((string library, string cli) in Settings)
        {
            message = message.Replace(library, cli, StringComparison.Ordinal);
        }

        return message;
    }
}
