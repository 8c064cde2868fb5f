using System.Text.Json;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Cli;

/// <summary><c>mf plot items</c>: a factor model's best known items drawn by two learned features.</summary>
public sealed class PlotItemsCommandTests : IDisposable
{
    private static readonly string Ratings = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");
    private static readonly string Titles = CliRunner.DataFile("ml-latest-small-2016", "movies.csv");
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-plot-items-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_biased_model_s_most_rated_items_are_drawn_to_a_png_and_the_first_named()
    {
        string model = Train("biased", "8");
        string picture = Path.Combine(_folder, "map.png");

        (int exit, string output, string error) = CliRunner.Run(
            "plot", "items", "--model", model, "--titles", Titles, "--ratings", Ratings, "--out", picture, "--count", "50", "--labels", "5", "--json", "--quiet");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        PngHeader.Size(picture).Should().Match<(int Width, int Height)?>(s => s != null && s.Value.Width > 0 && s.Value.Height > 0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("items").GetInt32().Should().Be(50);
        root.GetProperty("factors").GetInt32().Should().Be(8);
        root.GetProperty("chosenBy").GetString().Should().Be("ratings");
        root.GetProperty("genres").GetBoolean().Should().BeTrue("movies.csv lists genres");
        root.GetProperty("explained").GetDouble().Should().BeInRange(0, 1);

        // The names are the five most rated films of the file, most rated first (counted here from the file itself).
        Dictionary<string, int> counts = CountRatingsByItem(Ratings);
        var catalog = ItemCatalog.Read(Titles);
        // A title may be listed twice under two ids: such a label stands for its more rated id.
        ILookup<string, string> idsByTitle = catalog.ToLookup(item => item.Title, item => item.Id);
        int[] labelled = [.. root.GetProperty("labels").EnumerateArray().Select(l => idsByTitle[l.GetString()!].Max(id => counts.GetValueOrDefault(id)))];
        labelled.Should().HaveCount(5).And.BeInDescendingOrder();
        labelled[0].Should().Be(counts.Values.Max());
        labelled[^1].Should().BeGreaterThanOrEqualTo(counts.Values.OrderDescending().ElementAt(4));
    }

    [Fact]
    public void Without_ratings_the_stored_training_users_choose_and_without_them_the_factor_lengths()
    {
        string seen = Train("biased", "2");
        string unseen = Train("mf", "3", "--no-seen-items");

        (int exit, string output, string error) = CliRunner.Run("plot", "items", "--model", seen, "--out", Path.Combine(_folder, "a.png"), "--json", "--quiet");
        exit.Should().Be(0, error);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            json.RootElement.GetProperty("chosenBy").GetString().Should().Be("trainingUsers");
            json.RootElement.GetProperty("genres").GetBoolean().Should().BeFalse("no titles file was given");
            json.RootElement.GetProperty("explained").GetDouble().Should().Be(1, "a two-factor model is drawn by its own two factors");
        }

        (exit, output, error) = CliRunner.Run("plot", "items", "--model", unseen, "--out", Path.Combine(_folder, "b.svg"), "--count", "10");
        exit.Should().Be(0, error);
        output.Should().StartWith($"Wrote {Path.Combine(_folder, "b.svg")}: the 10 items with the longest factor vectors (10 named) on the first two principal directions of their 3 factors");
        File.ReadAllText(Path.Combine(_folder, "b.svg")).Should().Contain("<svg");
    }

    [Theory]
    [InlineData("ease")]
    [InlineData("popularity")]
    [InlineData("baseline")]
    public void A_model_without_item_factors_is_a_usage_error_naming_the_models_that_work(string kind)
    {
        string model = Train(kind, null);
        string picture = Path.Combine(_folder, "map.png");

        (int exit, string output, string error) = CliRunner.Run("plot", "items", "--model", model, "--out", picture);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith($"mf: --model {model}: ").And.Contain("no item factors").And.Contain("mf, biased (from SGD or alswr), svdpp, als and bpr");
        File.Exists(picture).Should().BeFalse();
    }

    [Theory]
    [InlineData("--out", "map.gif", "end the name with .png or .svg")]
    [InlineData("--count", "0", "--count 0")]
    [InlineData("--labels", "-1", "--labels -1")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        string model = Train("biased", "4");
        string[] args = ["plot", "items", "--model", model, "--out", Path.Combine(_folder, "map.png")];
        args = option == "--out" ? [.. args[..^1], Path.Combine(_folder, value)] : [.. args, option, value];

        (int exit, _, string error) = CliRunner.Run(args);

        exit.Should().Be(2);
        error.Should().Contain(message);
    }

    [Fact]
    public void The_picture_may_not_replace_the_model()
    {
        string model = Train("biased", "4");
        byte[] before = File.ReadAllBytes(model);
        (int exit, _, string error) = CliRunner.Run("plot", "items", "--model", model, "--out", model);
        exit.Should().Be(2);
        error.Should().Contain("--out and --model name the same file");
        File.ReadAllBytes(model).Should().Equal(before);
    }

    private string Train(string model, string? factors, params string[] extra)
    {
        string path = Path.Combine(_folder, $"{model}-{factors}-{extra.Length}.mf");
        string[] k = factors is null ? [] : ["--factors", factors, "--epochs", "3"];
        (int exit, _, string error) = CliRunner.Run(
            ["train", "--quiet", "--train", Ratings, "--model", model, .. k, "--threads", "1", "--save", path, .. extra]);
        exit.Should().Be(0, error);
        return path;
    }

    private static Dictionary<string, int> CountRatingsByItem(string path)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(path).Skip(1).Where(l => l.Length > 0))
        {
            string item = line.Split(',')[1];
            counts[item] = counts.GetValueOrDefault(item) + 1;
        }

        return counts;
    }
}
