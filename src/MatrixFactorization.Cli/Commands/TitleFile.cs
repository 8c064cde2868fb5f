using MatrixFactorization.Data;

namespace MatrixFactorization.Cli.Commands;

/// <summary>Titles by raw item id from an optional catalog file, for printing item lists readably.</summary>
internal static class TitleFile
{
    public static IReadOnlyDictionary<string, string> Read(string? path) =>
        path is null
            ? new Dictionary<string, string>()
            : ItemCatalog.Read(path).ToDictionary(item => item.Id, item => item.Title, StringComparer.Ordinal);
}
