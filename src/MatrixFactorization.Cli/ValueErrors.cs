using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace MatrixFactorization.Cli;

/// <summary>
/// Rewrites System.CommandLine's conversion errors, which name CLR types
/// (<c>System.Nullable`1[System.Int32]</c>), in the user's terms. The project builds with invariant
/// globalization, so the library's messages are always its English ones.
/// </summary>
internal static partial class ValueErrors
{
    public static string Message(ParseError error)
    {
        Match match = CannotParse().Match(error.Message);
        if (!match.Success)
        {
            return error.Message;
        }

        Type? type = error.SymbolResult switch
        {
            OptionResult option => option.Option.ValueType,
            ArgumentResult argument => argument.Argument.ValueType,
            _ => null,
        };
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        type = type?.IsArray == true ? type.GetElementType() : type;
        string expected = type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "a whole number",
            _ when type == typeof(uint) || type == typeof(ulong) => "a whole number, 0 or more",
            _ when type == typeof(float) || type == typeof(double) => "a number such as 0.05",
            _ when type == typeof(bool) => "true or false",
            _ => "a value of another form (see --help)",
        };
        return $"invalid value '{match.Groups["value"].Value}' for {match.Groups["symbol"].Value}; expected {expected}.";
    }

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for (?:option|command|argument) '(?<symbol>[^']*)' as expected type '[^']*'")]
    private static partial Regex CannotParse();
}
