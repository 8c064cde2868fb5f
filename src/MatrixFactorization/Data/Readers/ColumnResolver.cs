using System.Globalization;

namespace MatrixFactorization.Data.Readers;

/// <summary>Turns the column options (index, name, or nothing) into field indices, checking
/// them against the first line.</summary>
/// <param name="names">The header's column names, or null without a header.</param>
/// <param name="count">The number of fields on the first line.</param>
/// <param name="useAliases">Whether unset columns are found by common header names rather than
/// by the format's fixed positions.</param>
/// <param name="source">The source name for errors.</param>
/// <param name="line">The line number of the first line.</param>
/// <param name="lineText">The first line, for errors.</param>
internal sealed class ColumnResolver(string[]? names, int count, bool useAliases, string source, long line, string lineText)
{
    /// <summary>The field index for a role, or -1 for an optional column that is absent.</summary>
    /// <param name="selector">The option, or null.</param>
    /// <param name="role">"user", "item", "rating" or "timestamp", for messages.</param>
    /// <param name="aliases">Lower-case header names that mean this role.</param>
    /// <param name="fallback">The position used without a header, or -1 for none.</param>
    public int Resolve(ColumnSelector? selector, string role, string[] aliases, int fallback)
    {
        bool required = role != "timestamp";
        if (selector is ColumnSelector { Index: int index })
        {
            if (index >= count)
            {
                throw Error(
                    string.Create(CultureInfo.InvariantCulture, $"the {role} column is set to index {index}, but the line has only {count} fields"),
                    "Column indices start at 0; check the delimiter and the column options.");
            }

            return index;
        }

        if (selector is ColumnSelector { Name: string name })
        {
            if (names is null)
            {
                throw Error($"the {role} column is chosen by name ('{name}'), but the file has no header", "Choose the column by index, or set HasHeader = true if the first line is a header.");
            }

            int at = Array.FindIndex(names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            return at >= 0 ? at : throw Error($"the header has no column named '{name}'", $"The columns are: {string.Join(", ", names)}.");
        }

        if (useAliases && names is not null)
        {
            foreach (string alias in aliases)
            {
                int at = Array.FindIndex(names, n => string.Equals(n, alias, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    return at;
                }
            }

            return required
                ? throw Error($"the header names no {role} column", $"Set {Capitalized(role)}Column to one of: {string.Join(", ", names)}.")
                : -1;
        }

        return fallback;
    }

    /// <summary>Throws when two roles share a column.</summary>
    public void EnsureDistinct(int user, int item, int rating, int time)
    {
        ReadOnlySpan<(string Role, int Column)> roles = [("user", user), ("item", item), ("rating", rating), ("timestamp", time)];
        for (int a = 0; a < roles.Length; a++)
        {
            for (int b = a + 1; b < roles.Length; b++)
            {
                if (roles[a].Column >= 0 && roles[a].Column == roles[b].Column)
                {
                    throw Error(
                        string.Create(CultureInfo.InvariantCulture, $"the {roles[a].Role} and {roles[b].Role} columns are both column {roles[a].Column}"),
                        "Give each of the user, item, rating and timestamp columns its own column.");
                }
            }
        }
    }

    private static string Capitalized(string role) => char.ToUpperInvariant(role[0]) + role[1..];

    private RatingFormatException Error(string problem, string hint) => new(problem, source, line, value: lineText, hint: hint);
}
