using System.Text.Json;
using MatrixFactorization.Data;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Cli;

/// <summary>What 'mf train --save' stores beside the model, and how 'mf recommend' and 'mf model info' use it.</summary>
public sealed class ModelFileCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-modelfile-").FullName;

    private static string Ratings => SavedModelFixture.Ratings;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Recommend_leaves_out_the_stored_seen_items_without_the_ratings_file()
    {
        string withSeen = Train("seen.mf");
        string withoutSeen = Train("unseen.mf", "--no-seen-items");
        ModelSerializer.Open(withoutSeen).SeenItems.Should().BeNull();
        ModelSerializer.Open(withSeen).SeenItems!.Count.Should().Be(RatingReader.Read(Ratings).Store.Count);

        RatingStore store = RatingReader.Read(Ratings).Store;
        store.Users.TryGetIndex("15", out int user).Should().BeTrue();
        HashSet<string> rated = [.. store.GetUserRatings(user).Items.ToArray().Select(store.Items.GetId)];

        string[] stored = Ids(Run("recommend", "--model", withSeen, "--user", "15", "--count", "30", "--json"));
        stored.Should().HaveCount(30).And.NotIntersectWith(rated);
        string[] given = Ids(Run("recommend", "--model", withSeen, "--user", "15", "--count", "30", "--ratings", Ratings, "--json"));
        stored.Should().Equal(given);

        // Without them nothing is left out: the same model's list then holds items the user rated.
        string[] unfiltered = Ids(Run("recommend", "--model", withoutSeen, "--user", "15", "--count", "30", "--min-item-ratings", "0", "--json"));
        unfiltered.Should().IntersectWith(rated);
    }

    [Fact]
    public void Explain_refits_with_the_stored_regularization_unless_one_is_given()
    {
        string path = Train("lambda.mf", "--regularization", "0.5", "--bias-regularization", "0.3");
        string stored = Run("recommend", "--model", path, "--user", "15", "--count", "8", "--ratings", Ratings, "--explain", "--json");
        string typed = Run("recommend", "--model", path, "--user", "15", "--count", "8", "--ratings", Ratings, "--explain", "--json",
            "--regularization", "0.5", "--bias-regularization", "0.3");
        string other = Run("recommend", "--model", path, "--user", "15", "--count", "8", "--ratings", Ratings, "--explain", "--json",
            "--regularization", "0.1", "--bias-regularization", "0.02");

        Scores(stored).Should().Equal(Scores(typed));
        Ids(stored).Should().Equal(Ids(typed));
        Scores(stored).Should().NotEqual(Scores(other));
    }

    [Fact]
    public void Shown_ratings_are_clipped_to_the_scale_while_scores_rank_unclipped()
    {
        string path = Train("clip.mf");
        using JsonDocument json = JsonDocument.Parse(Run("recommend", "--model", path, "--user", "15", "--count", "10", "--json"));
        foreach (JsonElement item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            double score = item.GetProperty("score").GetDouble();
            item.GetProperty("rating").GetDouble().Should().BeApproximately(Math.Clamp(score, 0.5, 5), 1e-5);
        }
    }

    [Fact]
    public void Model_info_shows_kind_sizes_sections_options_and_summary_as_text_and_json()
    {
        string path = Train("info.mf", "--regularization", "0.07", "--test", Ratings);
        using JsonDocument json = JsonDocument.Parse(Run("model", "info", path, "--json"));
        JsonElement root = json.RootElement;
        root.GetProperty("formatVersion").GetInt32().Should().Be(3);
        root.GetProperty("kind").GetString().Should().Be("biased-matrix-factorization");
        root.GetProperty("factors").GetInt32().Should().Be(8);
        root.GetProperty("bytes").GetInt64().Should().Be(new FileInfo(path).Length);
        JsonElement[] sections = [.. root.GetProperty("sections").EnumerateArray()];
        sections.Select(s => s.GetProperty("id").GetString()).Should().Equal("MODL", "TRNG", "SEEN");
        sections.Should().OnlyContain(s => s.GetProperty("checksumStatus").GetString() == "ok");
        (sections.Sum(s => s.GetProperty("bytes").GetInt64()) + sections[0].GetProperty("offset").GetInt64() + 8).Should().Be(new FileInfo(path).Length);
        root.GetProperty("trainingOptions").GetProperty("FactorRegularization").GetDouble().Should().Be(0.07);
        root.GetProperty("trainingOptions").GetProperty("FactorCount").ValueKind.Should().Be(JsonValueKind.Number);
        root.GetProperty("trainingOptions").GetProperty("Shuffle").ValueKind.Should().Be(JsonValueKind.False);
        JsonElement summary = root.GetProperty("trainingSummary");
        RatingStore store = RatingReader.Read(Ratings).Store;
        summary.GetProperty("ratings").GetInt64().Should().Be(store.Count);
        summary.GetProperty("epochs").GetInt32().Should().Be(3);
        summary.GetProperty("validationMetric").GetString().Should().Be("test rmse");
        root.GetProperty("seenItems").GetProperty("count").GetInt32().Should().Be(store.Count);

        string text = Run("model", "info", path);
        text.Should().Contain("biased-matrix-factorization, format version 3")
            .And.Contain("8 factors")
            .And.Contain("FactorRegularization = 0.07")
            .And.MatchRegex(@"SEEN\s+[\d,]+ bytes at [\d,]+ +checksum [0-9a-f]{16} ok")
            .And.Contain("test rmse");
    }

    [Fact]
    public void Model_info_on_a_damaged_file_exits_3_with_one_line_naming_it()
    {
        string path = Train("damaged.mf");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        string damaged = Path.Combine(_folder, "really-damaged.mf");
        File.WriteAllBytes(damaged, bytes);

        (int exit, string output, string error) = CliRunner.Run("model", "info", damaged);
        exit.Should().Be(3);
        output.Should().BeEmpty();
        error.TrimEnd().Split('\n').Should().ContainSingle().Which.Should().Contain(damaged).And.Contain("checksum");
    }

    private string Train(string name, params string[] extra)
    {
        string path = Path.Combine(_folder, name);
        (int exit, _, string error) = CliRunner.Run(
            ["train", "--quiet", "--train", Ratings, "--model", "biased", "--factors", "8", "--epochs", "3", "--threads", "1", "--save", path, .. extra]);
        error.Should().BeEmpty();
        exit.Should().Be(0);
        return path;
    }

    private static string Run(params string[] args)
    {
        (int exit, string output, string error) = CliRunner.Run(args);
        error.Should().BeEmpty();
        exit.Should().Be(0);
        return output;
    }

    private static string[] Ids(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    private static double[] Scores(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("score").GetDouble())];
    }
}
