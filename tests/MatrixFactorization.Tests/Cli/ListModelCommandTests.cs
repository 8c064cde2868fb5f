using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

/// <summary><c>mf train</c> and <c>mf evaluate</c> with models that rank items without predicting ratings.</summary>
public sealed class ListModelCommandTests
{
    private static readonly string Train = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "train.csv");
    private static readonly string Validation = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

    [Fact]
    public void Popularity_reports_its_interactions_and_top_10_quality_instead_of_rating_errors()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", Train, "--test", Validation, "--model", "popularity", "--min-rating", "3.5", "--json", "--quiet");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("model").GetString().Should().Be("popularity");
        root.TryGetProperty("test", out _).Should().BeFalse("a list model predicts no ratings");
        JsonElement interactions = root.GetProperty("interactions");
        interactions.GetProperty("policy").GetString().Should().Be("ratings ≥ 3.5");

        // Every rating of the file is either an interaction or counted as left out.
        (interactions.GetProperty("count").GetInt32() + interactions.GetProperty("ratingsLeftOut").GetInt32()).Should().Be(79_799);
        interactions.GetProperty("ratingsLeftOut").GetInt32().Should().BePositive();
        JsonElement ranking = root.GetProperty("ranking");
        ranking.GetProperty("k").GetInt32().Should().Be(10);
        ranking.GetProperty("ndcg").GetDouble().Should().BeInRange(0.05, 0.5);
    }

    [Fact]
    public void A_saved_list_model_evaluates_by_ranking_alone_and_refuses_similarity()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-cli-{Guid.NewGuid():N}.model");
        try
        {
            CliRunner.Run("train", "--train", Train, "--model", "popularity", "--save", path).Exit.Should().Be(0);
            (int exit, string output, _) = CliRunner.Run("evaluate", "--model", path, "--test", Validation, "--train", Train, "--json");
            exit.Should().Be(0);
            using JsonDocument json = JsonDocument.Parse(output);
            json.RootElement.TryGetProperty("rmse", out _).Should().BeFalse();
            json.RootElement.GetProperty("ranking").GetProperty("ndcg").GetDouble().Should().BePositive();

            (int similarExit, _, string similarError) = CliRunner.Run("similar", "--model", path, "--item", "1");
            similarExit.Should().Be(2);
            similarError.Should().Contain("no item vectors");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Two_interaction_policies_at_once_are_a_usage_error()
    {
        (int exit, _, string error) = CliRunner.Run("train", "--train", Train, "--model", "popularity", "--min-rating", "4", "--rating-weights");
        exit.Should().Be(2);
        error.Should().Contain("--min-rating");
    }

    [Fact]
    public void Evaluate_leaves_rarely_rated_items_out_of_rating_model_lists_by_default_and_says_so()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-cli-{Guid.NewGuid():N}.model");
        try
        {
            CliRunner.Run("train", "--train", Train, "--model", "baseline", "--save", path).Exit.Should().Be(0);
            using JsonDocument byDefault = JsonDocument.Parse(CliRunner.Run("evaluate", "--model", path, "--test", Validation, "--train", Train, "--json").Output);
            using JsonDocument none = JsonDocument.Parse(
                CliRunner.Run("evaluate", "--model", path, "--test", Validation, "--train", Train, "--min-item-ratings", "0", "--json").Output);

            // 17.5% of the 671 training users, capped by the 50th most rated item's count.
            int[] counts = MatrixFactorization.Data.RatingReader.Read(Train).Store.Statistics.ItemCounts.ToArray().OrderDescending().ToArray();
            int expected = Math.Min((int)Math.Ceiling(0.175 * 671), counts[49]);
            byDefault.RootElement.GetProperty("minItemRatings").GetInt32().Should().Be(expected);
            none.RootElement.GetProperty("minItemRatings").GetInt32().Should().Be(0);
            byDefault.RootElement.GetProperty("ranking").GetProperty("ndcg").GetDouble()
                .Should().BeGreaterThan(none.RootElement.GetProperty("ranking").GetProperty("ndcg").GetDouble());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Cross_validation_of_a_list_model_reports_ranking_metrics_without_being_asked()
    {
        (int exit, string output, string error) = CliRunner.Run("cv", "--train", Validation, "--model", "popularity", "--folds", "3", "--json", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement metrics = json.RootElement.GetProperty("metrics");
        metrics.TryGetProperty("rmse", out _).Should().BeFalse();
        metrics.GetProperty("ndcg").GetProperty("mean").GetDouble().Should().BePositive();
    }

    [Theory]
    [InlineData("ease")]
    [InlineData("als")]
    [InlineData("bpr")]
    public void Personal_list_models_train_save_and_recommend_through_the_cli(string model)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-cli-{Guid.NewGuid():N}.model");
        try
        {
            (int exit, string output, string error) = CliRunner.Run(
                "train", "--train", Train, "--test", Validation, "--model", model, "--threads", "2", "--save", path, "--json", "--quiet");
            error.Should().BeEmpty();
            exit.Should().Be(0);
            using (JsonDocument json = JsonDocument.Parse(output))
            {
                json.RootElement.GetProperty("ranking").GetProperty("ndcg").GetDouble().Should().BeInRange(0.05, 1);
                json.RootElement.TryGetProperty("test", out _).Should().BeFalse();
            }

            (int recommendExit, string list, _) = CliRunner.Run("recommend", "--model", path, "--user", "15", "--ratings", Train, "--count", "5", "--json");
            recommendExit.Should().Be(0);
            using JsonDocument items = JsonDocument.Parse(list);
            items.RootElement.GetProperty("items").GetArrayLength().Should().Be(5);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
