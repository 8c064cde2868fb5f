using System.Globalization;
using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

/// <summary>The per-fold table of <c>mf cv</c>, as text when redirected and as JSON.</summary>
public sealed class FoldTableTests
{
    private static readonly string Ratings = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

    [Fact]
    public void The_text_table_has_a_row_per_fold_then_the_mean_and_sd_of_the_rows()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "cv", "--train", Ratings, "--folds", "4", "--factors", "4", "--epochs", "3", "--threads", "1", "--quiet");
        exit.Should().Be(0);
        error.Should().BeEmpty();
        output.Should().NotContain("\u001b");
        string[] lines = output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        lines[0].Should().Be("1 × 4-fold cross-validation of biased:");
        Cells(lines[1]).Should().Equal("fold", "rmse", "mae", "fit", "s");
        string[][] rows = lines[2..^1].Select(Cells).ToArray();
        rows.Select(r => r[0]).Should().Equal("1", "2", "3", "4");
        lines[^1].Should().StartWith("  mean ± sd");

        // The summary is the mean and sample standard deviation of the rows above it.
        double[] rmse = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToArray();
        double mean = rmse.Average();
        double sd = Math.Sqrt(rmse.Sum(x => (x - mean) * (x - mean)) / (rmse.Length - 1));
        string[] summary = Cells(lines[^1]);
        double.Parse(summary[3], CultureInfo.InvariantCulture).Should().BeApproximately(mean, 1e-4);
        double.Parse(summary[5], CultureInfo.InvariantCulture).Should().BeApproximately(sd, 1e-4);
    }

    [Fact]
    public void Columns_line_up_and_the_table_is_the_same_on_every_run_but_for_the_fit_times()
    {
        string[] args = ["cv", "--train", Ratings, "--folds", "3", "--factors", "4", "--epochs", "3", "--threads", "1", "--quiet"];
        string[] first = CliRunner.Run(args).Output.TrimEnd().Split('\n')[1..];
        string[] second = CliRunner.Run(args).Output.TrimEnd().Split('\n')[1..];
        first.Select(l => l.Length).Distinct().Should().ContainSingle("every line of the aligned table is as wide");
        WithoutFitTimes(first).Should().BeEquivalentTo(WithoutFitTimes(second), o => o.WithStrictOrdering());
    }

    [Fact]
    public void Repeats_label_the_rows_by_repeat_and_fold()
    {
        (int exit, string output, _) = CliRunner.Run(
            "cv", "--train", Ratings, "--folds", "2", "--repeats", "2", "--factors", "4", "--epochs", "2", "--threads", "1", "--quiet");
        exit.Should().Be(0);
        string[] lines = output.TrimEnd().Split('\n');
        Cells(lines[1])[0].Should().Be("repeat.fold");
        lines[2..^1].Select(l => Cells(l)[0]).Should().Equal("1.1", "1.2", "2.1", "2.2");
    }

    [Fact]
    public void Json_has_each_fold_s_metrics_and_their_mean_is_the_summary()
    {
        (int exit, string output, _) = CliRunner.Run(
            "cv", "--train", Ratings, "--folds", "3", "--factors", "4", "--epochs", "3", "--threads", "1", "--k", "10", "--json", "--quiet");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement[] folds = [.. json.RootElement.GetProperty("foldResults").EnumerateArray()];
        folds.Select(f => f.GetProperty("fold").GetInt32()).Should().Equal(1, 2, 3);
        folds.Should().OnlyContain(f => f.GetProperty("repeat").GetInt32() == 1);
        folds.Should().OnlyContain(f => f.GetProperty("ndcg").ValueKind == JsonValueKind.Number && f.GetProperty("fitSeconds").GetDouble() > 0);
        double mean = folds.Average(f => f.GetProperty("rmse").GetDouble());
        json.RootElement.GetProperty("metrics").GetProperty("rmse").GetProperty("mean").GetDouble().Should().BeApproximately(mean, 1e-5);
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // The header, the fold rows and the summary each end in the fit-time cells: "fit s", "0.123", "0.123 ± 0.004".
    private static string[][] WithoutFitTimes(string[] lines) =>
        lines.Select(Cells).Select((cells, i) => cells[..^(i == 0 ? 2 : i == lines.Length - 1 ? 3 : 1)]).ToArray();
}
