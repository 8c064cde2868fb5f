using System.CommandLine;

namespace MatrixFactorization.Cli;

/// <summary>
/// "Did you mean" for a mistyped command or option: the closest name the command at that point
/// knows, by edit distance with adjacent swaps counted as one edit. System.CommandLine prints its
/// suggestions only from its own error action, in its own layout, so the CLI makes its own.
/// </summary>
internal static class Suggestions
{
    /// <summary>The closest subcommand or option name of <paramref name="command"/> (and its ancestors' recursive options), or null when none is close.</summary>
    public static string? For(string typed, Command command, IEnumerable<Option> inherited)
    {
        IEnumerable<string> names = command.Subcommands.SelectMany(c => c.Aliases.Prepend(c.Name))
            .Concat(command.Options.Concat(inherited).SelectMany(o => o.Aliases.Prepend(o.Name)));
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            int distance = Distance(typed, name);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        // Two edits in a short word make a different word; allow about one edit per three letters.
        return bestDistance <= Math.Max(1, Math.Min(2, typed.TrimStart('-').Length / 3)) ? best : null;
    }

    /// <summary>Optimal string alignment distance, ignoring case.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        int[,] d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
