using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

public sealed class CrossValidationCommandTests
{
    private static readonly string Ratings = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

    [Fact]
    public void Cv_reports_mean_and_sd_of_each_metric_and_the_fit_time()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "cv", "--train", Ratings, "--folds", "3", "--model", "biased", "--factors", "4", "--epochs", "5", "--threads", "1", "--k", "10", "--json", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement metrics = json.RootElement.GetProperty("metrics");
        metrics.GetProperty("rmse").GetProperty("mean").GetDouble().Should().BeInRange(0.8, 1.2);
        metrics.GetProperty("rmse").GetProperty("sd").GetDouble().Should().BePositive();
        metrics.GetProperty("ndcg").GetProperty("mean").GetDouble().Should().BeInRange(0, 1);
        json.RootElement.GetProperty("fitSeconds").GetProperty("mean").GetDouble().Should().BePositive();
    }

    [Fact]
    public void Search_ranks_the_grid_best_first_and_is_reproducible()
    {
        string[] args = ["search", "--train", Ratings, "--folds", "2", "--model", "biased", "--factors", "4", "--epochs", "1,15", "--regularization", "0.05,3", "--threads", "1", "--json", "--quiet"];
        (int exit, string output, string error) = CliRunner.Run(args);
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("candidates").GetInt32().Should().Be(4);
        JsonElement[] ranked = [.. json.RootElement.GetProperty("ranked").EnumerateArray()];
        ranked.Select(r => r.GetProperty("objective").GetDouble()).Should().BeInAscendingOrder();
        // One epoch at the default learning rate barely moves the biases from zero.
        ranked[0].GetProperty("settings").GetProperty("epochs").GetInt32().Should().Be(15);

        using JsonDocument again = JsonDocument.Parse(CliRunner.Run(args).Output);
        again.RootElement.GetProperty("ranked").EnumerateArray().Select(r => r.GetProperty("objective").GetDouble())
            .Should().Equal(ranked.Select(r => r.GetProperty("objective").GetDouble()));
    }

    [Fact]
    public void Random_search_tries_the_requested_number_of_combinations()
    {
        (int exit, string output, _) = CliRunner.Run(
            "search", "--train", Ratings, "--folds", "2", "--factors", "2,4,8", "--epochs", "3", "--random", "2", "--search-seed", "1", "--threads", "1", "--json");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("candidates").GetInt32().Should().Be(2);
    }

    [Theory]
    [InlineData("baseline", 10, "--epochs", "1,10")]
    [InlineData("neural", 3, "--factors", "4", "--epochs", "1,3")]
    public void Search_covers_the_other_rating_models_by_rmse(string model, int moreEpochs, params string[] axes)
    {
        (int exit, string output, string error) = CliRunner.Run(["search", "--train", Ratings, "--folds", "2", "--model", model, "--threads", "1", .. axes, "--json", "--quiet"]);
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("objective").GetString().Should().Be("rmse");
        JsonElement[] ranked = [.. json.RootElement.GetProperty("ranked").EnumerateArray()];
        ranked.Should().HaveCount(2);
        ranked.Select(r => r.GetProperty("objective").GetDouble()).Should().BeInAscendingOrder();
        ranked.Select(r => r.GetProperty("settings").GetProperty("epochs").GetInt32()).Should().BeEquivalentTo([1, moreEpochs]);
    }

    [Theory]
    [InlineData("cv", "--model", "neural")]
    [InlineData("search", "--model", "baseline", "--factors", "8")]
    [InlineData("search", "--model", "biased", "--factors", "0")]
    [InlineData("cv", "--folds", "1")]
    [InlineData("cv", "--factors", "many")]
    public void Unsupported_models_and_bad_values_are_usage_errors(params string[] args)
    {
        (int exit, _, string error) = CliRunner.Run([args[0], "--train", Ratings, .. args[1..]]);
        exit.Should().Be(2);
        error.Should().StartWith("mf: ");
    }
}
