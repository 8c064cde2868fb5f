using System.CommandLine;
using System.CommandLine.Parsing;

namespace MatrixFactorization.Cli;

/// <summary>
/// Options whose value is one of an enum's names. System.CommandLine would accept every name of the
/// enum (and any number), list them all in help, and on a typo print the CLR type name; these
/// accept only the values a command supports, case-insensitively, show exactly those in help, and
/// say what was wrong in the user's terms.
/// </summary>
internal static class ChoiceOption
{
    /// <summary>An option with a default; <paramref name="accepted"/> are the values the command supports.</summary>
    public static Option<T> Create<T>(string name, string description, T defaultValue, params T[] accepted)
        where T : struct, Enum => new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = HelpName(accepted),
            CustomParser = result => Parse(result, name, accepted) ?? defaultValue,
        };

    /// <summary>An option that may be left out (null).</summary>
    public static Option<T?> Optional<T>(string name, string description, params T[] accepted)
        where T : struct, Enum => new(name)
        {
            Description = description,
            HelpName = HelpName(accepted),
            CustomParser = result => Parse(result, name, accepted),
        };

    /// <summary>The name of a value as the command line spells it.</summary>
    public static string Spelling<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string HelpName<T>(T[] accepted)
        where T : struct, Enum => string.Join('|', accepted.Select(Spelling));

    private static T? Parse<T>(ArgumentResult result, string name, T[] accepted)
        where T : struct, Enum
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string given = result.Tokens[^1].Value;
        foreach (T value in accepted)
        {
            if (string.Equals(Spelling(value), given, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        result.AddError($"invalid value '{given}' for {name}; accepted: {string.Join(", ", accepted.Select(Spelling))}.");
        return null;
    }
}
