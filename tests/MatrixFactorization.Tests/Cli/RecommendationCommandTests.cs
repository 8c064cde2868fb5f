using System.Text.Json;
using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Cli;

/// <summary>One small biased model, trained through the CLI and saved, for the commands that read models.</summary>
public sealed class SavedModelFixture : IDisposable
{
    public SavedModelFixture()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mf-rec-{Guid.NewGuid():N}.model");
        CliRunner.Run("train", "--train", Ratings, "--model", "biased", "--factors", "8", "--epochs", "10", "--threads", "1", "--save", Path)
            .Exit.Should().Be(0);
    }

    public static string Ratings => CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

    public static string Titles => CliRunner.DataFile("ml-latest-small-2016", "movies.csv");

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}

public sealed class RecommendationCommandTests(SavedModelFixture fixture) : IClassFixture<SavedModelFixture>
{
    private static string Ratings => SavedModelFixture.Ratings;

    [Fact]
    public void Recommend_lists_unrated_items_best_first_with_titles()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "recommend", "--model", fixture.Path, "--user", "15", "--count", "7", "--ratings", Ratings, "--titles", SavedModelFixture.Titles, "--json");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("coldStart").GetBoolean().Should().BeFalse();
        JsonElement[] items = [.. json.RootElement.GetProperty("items").EnumerateArray()];
        items.Should().HaveCount(7);
        items.Select(i => i.GetProperty("score").GetDouble()).Should().BeInDescendingOrder();
        items.Should().OnlyContain(i => i.GetProperty("title").GetString()!.Length > 0);

        RatingStore store = RatingReader.Read(Ratings).Store;
        store.Users.TryGetIndex("15", out int user).Should().BeTrue();
        var rated = store.GetUserRatings(user).Items.ToArray().Select(store.Items.GetId).ToHashSet();
        items.Select(i => i.GetProperty("id").GetString()).Should().NotIntersectWith(rated);

        // The listed score is the model's unclipped prediction.
        IRatingModel model = ((IRatingModel)ModelSerializer.Load(fixture.Path)).WithClipping(false);
        foreach (JsonElement item in items)
        {
            model.Predict("15", item.GetProperty("id").GetString()!).Value.Should().BeApproximately((float)item.GetProperty("score").GetDouble(), 1e-3f);
        }
    }

    [Fact]
    public void Excluded_items_are_left_out_and_unknown_exclusions_are_reported()
    {
        (_, string before, _) = CliRunner.Run("recommend", "--model", fixture.Path, "--user", "15", "--count", "5", "--json");
        string[] first = Ids(before);

        (int exit, string output, string error) = CliRunner.Run(
            "recommend", "--model", fixture.Path, "--user", "15", "--count", "5", "--exclude", $"{first[0]},{first[2]}", "--exclude", "no-such-item", "--json");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        string[] after = Ids(output);
        after.Should().HaveCount(5).And.NotContain(first[0]).And.NotContain(first[2]);
        after.Take(3).Should().Equal(first[1], first[3], first[4]);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("unknownExclusions").EnumerateArray().Select(e => e.GetString()).Should().Equal("no-such-item");
    }

    [Fact]
    public void A_neural_model_recommends_its_own_best_predictions_and_finds_similar_items()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mf-neural-{Guid.NewGuid():N}.model");
        try
        {
            CliRunner.Run("train", "--train", Ratings, "--model", "neural", "--epochs", "2", "--threads", "1", "--save", path).Exit.Should().Be(0);

            (int exit, string output, string error) = CliRunner.Run("recommend", "--model", path, "--user", "15", "--count", "5", "--json");

            error.Should().BeEmpty();
            exit.Should().Be(0);
            IRatingModel model = ((IRatingModel)ModelSerializer.Load(path)).WithClipping(false);
            using JsonDocument json = JsonDocument.Parse(output);
            foreach (JsonElement item in json.RootElement.GetProperty("items").EnumerateArray())
            {
                model.Predict("15", item.GetProperty("id").GetString()!).Value.Should().BeApproximately((float)item.GetProperty("score").GetDouble(), 1e-3f);
            }

            CliRunner.Run("similar", "--model", path, "--item", "1", "--count", "3", "--json").Exit.Should().Be(0);
            CliRunner.Run("recommend", "--model", path, "--user", "15", "--ratings", Ratings, "--explain").Exit.Should().Be(2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unknown_user_gets_cold_start_recommendations_not_an_error()
    {
        (int exit, string output, _) = CliRunner.Run("recommend", "--model", fixture.Path, "--user", "no-such-user", "--count", "3", "--json");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("coldStart").GetBoolean().Should().BeTrue();
        json.RootElement.GetProperty("items").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public void Explanations_add_up_to_each_score()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "recommend", "--model", fixture.Path, "--user", "15", "--count", "4", "--ratings", Ratings, "--explain", "--json");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        foreach (JsonElement item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            double sum = item.GetProperty("baseline").GetDouble()
                + item.GetProperty("because").EnumerateArray().Sum(b => b.GetProperty("contribution").GetDouble());
            sum.Should().BeApproximately(item.GetProperty("score").GetDouble(), 1e-3);
            item.GetProperty("because").GetArrayLength().Should().BeGreaterThan(0);
        }

        string text = CliRunner.Run("recommend", "--model", fixture.Path, "--user", "15", "--count", "2", "--ratings", Ratings, "--explain").Output;
        text.Should().Contain("because you rated");
    }

    [Theory]
    [InlineData(2, "recommend", "--model", "MODEL", "--user", "15", "--explain")]
    [InlineData(2, "recommend", "--model", "MODEL", "--user", "15", "--count", "0")]
    [InlineData(2, "similar", "--model", "MODEL", "--item", "no-such-item")]
    [InlineData(3, "recommend", "--model", "no-such.model", "--user", "15")]
    [InlineData(3, "evaluate", "--model", "MODEL", "--test", "no-such.csv")]
    public void Errors_map_to_exit_codes(int expected, params string[] args)
    {
        (int exit, _, string error) = CliRunner.Run([.. args.Select(a => a == "MODEL" ? fixture.Path : a)]);
        exit.Should().Be(expected);
        error.Should().StartWith("mf: ");
    }

    [Fact]
    public void Similar_lists_other_items_by_descending_similarity()
    {
        (int exit, string output, _) = CliRunner.Run("similar", "--model", fixture.Path, "--item", "1", "--count", "5", "--titles", SavedModelFixture.Titles, "--json");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement[] items = [.. json.RootElement.GetProperty("items").EnumerateArray()];
        items.Should().HaveCount(5);
        items.Select(i => i.GetProperty("id").GetString()).Should().NotContain("1");
        items.Select(i => i.GetProperty("similarity").GetDouble()).Should().BeInDescendingOrder();
        items.Should().OnlyContain(i => i.GetProperty("similarity").GetDouble() <= 1.0001);
    }

    [Fact]
    public void Evaluate_reports_the_rating_errors_and_ranking_metrics()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "evaluate", "--model", fixture.Path, "--test", Ratings, "--train", Ratings, "--k", "5", "--json", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        RatingAccuracy expected = RatingMetrics.Evaluate((IRatingModel)ModelSerializer.Load(fixture.Path), RatingReader.Read(Ratings).Store);
        json.RootElement.GetProperty("rmse").GetDouble().Should().BeApproximately(expected.Rmse, 1e-6);
        json.RootElement.GetProperty("count").GetInt32().Should().Be(expected.Count);
        JsonElement ranking = json.RootElement.GetProperty("ranking");
        ranking.GetProperty("k").GetInt32().Should().Be(5);
        ranking.GetProperty("usersEvaluated").GetInt32().Should().BePositive();

        // Every test item was a training item, and those are excluded: nothing can be a hit.
        ranking.GetProperty("hitRate").GetDouble().Should().Be(0);
    }

    private static string[] Ids(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }
}
