using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MatrixFactorization.Tests.Cli;

/// <summary><c>mf search</c>: its progress on the error stream and its ranked table.</summary>
public sealed partial class SearchProgressTests(ClusteredRatingsFile data) : IClassFixture<ClusteredRatingsFile>
{
    private const char Escape = '\u001b';

    [Fact]
    public void Redirected_search_shows_candidates_folds_and_the_best_so_far_on_the_error_stream_and_json_alone_on_the_output()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "search", "--train", data.Path, "--model", "ease", "--regularization", "1,100,10000", "--folds", "3", "--metric", "precision", "--json");

        exit.Should().Be(0);
        error.Should().NotContain(Escape.ToString());
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Contain(l => l.StartsWith("load ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("search: candidate 1/3, fold 1/3", StringComparison.Ordinal), "the first state is always shown");

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement best = json.RootElement.GetProperty("ranked")[0];
        double objective = best.GetProperty("objective").GetDouble();
        string lambda = best.GetProperty("settings").GetProperty("regularization").GetDouble().ToString(CultureInfo.InvariantCulture);
        string last = string.Create(CultureInfo.InvariantCulture, $"search: 3 candidates × 3 folds, best precision@10 {objective:F4} (regularization={lambda}) in ");
        lines.Should().Contain(l => l.StartsWith(last, StringComparison.Ordinal), "the last state names the winner, as the ranking does");
    }

    [Fact]
    public void Quiet_search_writes_nothing_to_the_error_stream()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "search", "--train", data.Path, "--model", "ease", "--regularization", "1,100", "--folds", "2", "--quiet");
        exit.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().StartWith("2 candidates of ease by ndcg@10, best first:");
    }

    [Fact]
    public void The_plain_table_has_a_header_and_one_row_per_candidate_ranked_best_first()
    {
        (int exit, string output, _) = CliRunner.Run(
            "search", "--train", data.Path, "--model", "als", "--factors", "2,8", "--regularization", "0.1,1000", "--folds", "3", "--threads", "1", "--quiet");

        exit.Should().Be(0);
        output.Should().NotContain(Escape.ToString());
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be("4 candidates of als by ndcg@10, best first:");
        Cells(lines[1]).Should().Equal("rank", "ndcg@10", "± sd", "factors", "regularization", "fit s");
        string[][] rows = [.. lines.Skip(2).Select(Cells)];
        rows.Should().HaveCount(4);
        rows.Select(r => r[0]).Should().Equal("1", "2", "3", "4");
        rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).Should().BeInDescendingOrder();
        rows.Select(r => (r[3], r[4])).Should().BeEquivalentTo([("2", "0.1"), ("2", "1000"), ("8", "0.1"), ("8", "1000")]);

        // The columns line up: every line of the table is as long as its header.
        lines.Skip(2).Should().OnlyContain(l => l.Length == lines[1].Length);
    }

    private static string[] Cells(string line) => TwoOrMoreSpaces().Split(line.Trim());

    [GeneratedRegex(" {2,}")]
    private static partial Regex TwoOrMoreSpaces();
}
