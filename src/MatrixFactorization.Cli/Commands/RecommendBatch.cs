using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MatrixFactorization.Cli.Files;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// The batch form of <c>mf recommend</c>: lists for many users (<c>--users FILE</c> or
/// <c>--all</c>) computed in parallel by <see cref="Recommender.RecommendMany"/> and written to
/// one file, as csv rows or one JSON object a user.
/// </summary>
internal sealed class RecommendBatch
{
    private readonly Option<string?> _users = new("--users") { Description = "Recommend for each raw user id in this file (one a line; blank lines are passed over) and write to --out." };
    private readonly Option<bool> _all = new("--all") { Description = "Recommend for every user the model was trained on and write to --out." };
    private readonly Option<string?> _out = new("--out") { Description = "With --users or --all: the output file, csv (user,rank,item,score[,title]) unless --jsonl." };
    private readonly Option<bool> _jsonl = new("--jsonl") { Description = "With --users or --all: write JSON lines, one object a user, instead of csv." };

    public IEnumerable<Option> Options => [_users, _all, _out, _jsonl];

    public bool Requested(ParseResult parse) => parse.GetValue(_users) is not null || parse.GetValue(_all);

    public CommandFile Input(ParseResult parse) => new("--users", parse.GetValue(_users));

    public CommandFile Output(ParseResult parse) => new("--out", parse.GetValue(_out));

    /// <summary>Exactly one of --user, --users and --all; the batch options only with a batch.</summary>
    /// <exception cref="UsageException">The choice is missing, repeated, or mixes the single and batch forms.</exception>
    public void CheckChoice(ParseResult parse, string? user, bool explain)
    {
        int given = (user is null ? 0 : 1) + (parse.GetValue(_users) is null ? 0 : 1) + (parse.GetValue(_all) ? 1 : 0);
        if (given != 1)
        {
            throw new UsageException(given == 0
                ? "give the user: --user ID for one, or --users FILE or --all (with --out FILE) for many."
                : "give one of --user, --users and --all, not several.");
        }

        bool batch = user is null;
        if (batch && parse.GetValue(_out) is null)
        {
            throw new UsageException("--users and --all write their lists to a file: give it with --out FILE.");
        }

        if (batch && explain)
        {
            throw new UsageException("--explain works for one user (--user), not with --users or --all.");
        }

        if (!batch && (parse.GetValue(_out) is not null || parse.GetValue(_jsonl)))
        {
            throw new UsageException("--out and --jsonl go with --users or --all; one user's list (--user) is printed.");
        }
    }

    public int Run(ParseResult parse, Recommender recommender, int count, Predicate<int>? filter, string[] unknownExclusions, IReadOnlyDictionary<string, string> names, bool json, TextWriter output)
    {
        IScoringModel model = recommender.Model;
        string? header = null;
        string[] userIds = parse.GetValue(_users) is string path ? ReadUserIds(path, model, out header) : KnownUsers(model);
        ScoredItem[][] lists = recommender.RecommendMany(userIds, count, filter: filter);
        bool[] cold = [.. userIds.Select(id => !(model.Users.TryGetIndex(id, out int u) && model.IsKnownUser(u)))];
        string outFile = parse.GetValue(_out)!;
        bool jsonl = parse.GetValue(_jsonl);
        AtomicOutput.WriteText(outFile, w =>
        {
            if (jsonl)
            {
                WriteJsonLines(w, userIds, cold, lists, names, model);
            }
            else
            {
                WriteCsv(w, userIds, lists, names);
            }
        });

        int coldUsers = cold.Count(c => c);
        if (json)
        {
            JsonOutput.Write(output, w =>
            {
                w.WriteNumber("users", userIds.Length);
                if (header is not null)
                {
                    w.WriteString("skippedHeader", header);
                }

                w.WriteNumber("coldStartUsers", coldUsers);
                w.WriteNumber("count", count);
                w.WriteString("format", jsonl ? "jsonl" : "csv");
                w.WriteString("outFile", outFile);
                w.WriteStartArray("unknownExclusions");
                foreach (string id in unknownExclusions)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
            });
        }
        else
        {
            if (unknownExclusions.Length > 0)
            {
                output.WriteLine($"Not in the model, so nothing to exclude: {string.Join(", ", unknownExclusions)}.");
            }

            if (header is not null)
            {
                output.WriteLine($"The first line, '{header}', is a column name, not a user of the model: skipped.");
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Top {count} for {userIds.Length:N0} users ({coldUsers:N0} unknown: cold-start lists) -> {outFile}"));
        }

        return ExitCodes.Ok;
    }

    // Files of ids are often a column cut from a csv, header and all. A first line that names the
    // column (and is not itself a user of the model) would otherwise get a cold-start list of its own.
    private static string[] ReadUserIds(string path, IScoringModel model, out string? header)
    {
        string[] ids = [.. File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0)];
        header = ids.Length > 0 && IsColumnName(ids[0]) && !model.Users.TryGetIndex(ids[0], out _) ? ids[0] : null;
        return header is null ? ids : ids[1..];
    }

    private static bool IsColumnName(string line) =>
        line.Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()
            is "USER" or "USERS" or "USERID" or "USERIDS" or "ID" or "CUSTOMERID" or "CUSTOMER";

    private static string[] KnownUsers(IScoringModel model) =>
        [.. Enumerable.Range(0, model.Users.Count).Where(model.IsKnownUser).Select(model.Users.GetId)];

    private static void WriteCsv(TextWriter w, string[] userIds, ScoredItem[][] lists, IReadOnlyDictionary<string, string> names)
    {
        bool titled = names.Count > 0;
        w.WriteLine(titled ? "user,rank,item,score,title" : "user,rank,item,score");
        for (int u = 0; u < userIds.Length; u++)
        {
            for (int k = 0; k < lists[u].Length; k++)
            {
                ScoredItem item = lists[u][k];
                string row = string.Create(CultureInfo.InvariantCulture, $"{Csv(userIds[u])},{k + 1},{Csv(item.Id)},{item.Score}");
                w.WriteLine(titled ? $"{row},{Csv(names.TryGetValue(item.Id, out string? title) ? title : string.Empty)}" : row);
            }
        }
    }

    private static void WriteJsonLines(TextWriter w, string[] userIds, bool[] cold, ScoredItem[][] lists, IReadOnlyDictionary<string, string> names, IScoringModel model)
    {
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var buffer = new MemoryStream();
        for (int u = 0; u < userIds.Length; u++)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer, options))
            {
                json.WriteStartObject();
                json.WriteString("user", userIds[u]);
                json.WriteBoolean("coldStart", cold[u]);
                json.WriteStartArray("items");
                foreach (ScoredItem item in lists[u])
                {
                    RecommendCommand.WriteItem(json, item, names, null, model);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            w.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
