namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// Item titles from a MovieLens <c>movies.csv</c> (id, title, genres; titles with commas are
/// quoted, with doubled quotes inside), for printing recommendations readably.
/// </summary>
internal static class TitleFile
{
    public static IReadOnlyDictionary<string, string> Read(string? path)
    {
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path is null)
        {
            return titles;
        }

        bool header = true;
        foreach (string line in File.ReadLines(path))
        {
            if (header || line.Length == 0)
            {
                header = false;
                continue;
            }

            int comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0)
            {
                continue;
            }

            titles[line[..comma]] = Title(line.AsSpan(comma + 1));
        }

        return titles;
    }

    private static string Title(ReadOnlySpan<char> rest)
    {
        if (rest.Length == 0 || rest[0] != '"')
        {
            int end = rest.LastIndexOf(',');
            return (end < 0 ? rest : rest[..end]).ToString();
        }

        var title = new System.Text.StringBuilder();
        for (int k = 1; k < rest.Length; k++)
        {
            if (rest[k] == '"')
            {
                if (k + 1 < rest.Length && rest[k + 1] == '"')
                {
                    title.Append('"');
                    k++;
                    continue;
                }

                break;
            }

            title.Append(rest[k]);
        }

        return title.ToString();
    }
}
