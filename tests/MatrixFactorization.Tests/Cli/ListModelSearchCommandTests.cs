using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

/// <summary><c>mf search</c> over the list models, on a tiny file whose groups make the right answer plain.</summary>
public sealed class ListModelSearchCommandTests(ClusteredRatingsFile data) : IClassFixture<ClusteredRatingsFile>
{
    [Fact]
    public void Als_search_ranks_its_grid_by_ndcg_at_10_and_writes_settings_as_numbers()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "search", "--train", data.Path, "--model", "als", "--factors", "2,8", "--regularization", "0.1,1000", "--folds", "3", "--threads", "1", "--json", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("model").GetString().Should().Be("als");
        root.GetProperty("objective").GetString().Should().Be("ndcg");
        root.GetProperty("k").GetInt32().Should().Be(10);
        root.GetProperty("candidates").GetInt32().Should().Be(4);
        JsonElement[] ranked = [.. root.GetProperty("ranked").EnumerateArray()];
        AssertRankedByNdcg(ranked);

        // Every value of the grid, once, as a JSON number.
        ranked.Select(r => r.GetProperty("settings")).Should().OnlyContain(s =>
            s.GetProperty("factors").ValueKind == JsonValueKind.Number && s.GetProperty("regularization").ValueKind == JsonValueKind.Number);
        ranked.Select(r => (r.GetProperty("settings").GetProperty("factors").GetInt32(), r.GetProperty("settings").GetProperty("regularization").GetDouble()))
            .Should().BeEquivalentTo([(2, 0.1), (2, 1000.0), (8, 0.1), (8, 1000.0)]);

        // A penalty of 1000 on 13 ratings a user crushes the factors: both such candidates rank last.
        ranked.Skip(2).Should().OnlyContain(r => r.GetProperty("settings").GetProperty("regularization").GetDouble() == 1000);
    }

    [Fact]
    public void Bpr_search_prefers_the_trained_candidate_over_ones_that_barely_moved()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "search", "--train", data.Path, "--model", "bpr", "--factors", "8", "--epochs", "1,30", "--learning-rate", "0.00001,0.05", "--folds", "3", "--threads", "1", "--json", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("objective").GetString().Should().Be("ndcg");
        JsonElement[] ranked = [.. json.RootElement.GetProperty("ranked").EnumerateArray()];
        ranked.Should().HaveCount(4);
        AssertRankedByNdcg(ranked);
        JsonElement best = ranked[0].GetProperty("settings");
        best.GetProperty("epochs").GetInt32().Should().Be(30);
        best.GetProperty("learningRate").GetDouble().Should().Be(0.05);
    }

    [Fact]
    public void Ease_search_prints_its_lambdas_best_first_by_the_ranking_objective()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "search", "--train", data.Path, "--model", "ease", "--regularization", "1,100,10000", "--folds", "3", "--metric", "precision", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].Should().Be("3 candidates of ease by precision@10, best first:");
        string[][] rows = [.. lines.Skip(2).Select(l => System.Text.RegularExpressions.Regex.Split(l, " {2,}"))];
        rows.Select(r => r[3]).Should().BeEquivalentTo("1", "100", "10000");

        // With λ = 1 the item-item weights nearly reproduce each item's own column: the least general of the three.
        rows[^1][3].Should().Be("1");
        double[] precision = [.. rows.Select(r => double.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture))];
        precision.Should().BeInDescendingOrder();
    }

    [Theory]
    [InlineData("als", "rmse")]
    [InlineData("bpr", "mae")]
    [InlineData("ease", "rmse")]
    [InlineData("popularity", "rmse")]
    public void Rating_errors_are_refused_for_list_models_naming_the_ranking_metrics(string model, string metric)
    {
        (int exit, string output, string error) = CliRunner.Run("search", "--train", data.Path, "--model", model, "--metric", metric);
        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith($"mf: --metric {metric}: {model} ranks items and predicts no ratings")
            .And.Contain("ndcg").And.Contain("precision").And.Contain("recall");
    }

    [Theory]
    [InlineData("bpr", "--alpha", "1,3")]
    [InlineData("ease", "--learning-rate", "0.1")]
    [InlineData("als", "--rating-weights")]
    [InlineData("mf", "--half-life-days", "10")]
    public void An_option_the_model_does_not_take_is_refused_rather_than_ignored(string model, params string[] option)
    {
        (int exit, _, string error) = CliRunner.Run(["search", "--train", data.Path, "--model", model, .. option]);
        exit.Should().Be(2);
        error.Should().StartWith($"mf: {option[0]} does not apply to {model}; it takes --");
    }

    private static void AssertRankedByNdcg(JsonElement[] ranked)
    {
        ranked.Select(r => r.GetProperty("objective").GetDouble()).Should().BeInDescendingOrder();
        foreach (JsonElement candidate in ranked)
        {
            JsonElement metrics = candidate.GetProperty("metrics");
            metrics.TryGetProperty("rmse", out _).Should().BeFalse("a list model predicts no ratings");
            candidate.GetProperty("objective").GetDouble().Should().Be(metrics.GetProperty("ndcg").GetProperty("mean").GetDouble());
        }
    }
}
