using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

/// <summary><c>mf similar</c> with the list models that learn item vectors.</summary>
public sealed class ListModelSimilarCommandTests(ClusteredRatingsFile data) : IClassFixture<ClusteredRatingsFile>
{
    [Theory]
    [InlineData("als", "--factors", "8")]
    [InlineData("bpr", "--factors", "8", "--epochs", "30")]
    public void Items_similar_to_an_item_come_from_its_own_group(string model, params string[] options)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-cli-{Guid.NewGuid():N}.model");
        try
        {
            (int trainExit, _, string trainError) = CliRunner.Run(["train", "--quiet", "--train", data.Path, "--model", model, "--threads", "1", .. options, "--save", path]);
            trainError.Should().BeEmpty();
            trainExit.Should().Be(0);

            string item = ClusteredRatingsFile.Item(group: 1, number: 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            (int exit, string output, string error) = CliRunner.Run("similar", "--model", path, "--item", item, "--count", "5", "--json");
            error.Should().BeEmpty();
            exit.Should().Be(0);
            using JsonDocument json = JsonDocument.Parse(output);
            json.RootElement.GetProperty("item").GetString().Should().Be(item);
            JsonElement[] items = [.. json.RootElement.GetProperty("items").EnumerateArray()];
            items.Should().HaveCount(5);
            items.Select(i => i.GetProperty("id").GetString()).Should().NotContain(item);

            // Group 1 has 14 other items its users rate highly; the nearest five are among them.
            items.Should().OnlyContain(i => ClusteredRatingsFile.GroupOf(i.GetProperty("id").GetString()!) == 1);
            double[] similarity = [.. items.Select(i => i.GetProperty("similarity").GetDouble())];
            similarity.Should().BeInDescendingOrder().And.OnlyContain(s => s >= -1 && s <= 1);

            (int textExit, string text, _) = CliRunner.Run("similar", "--model", path, "--item", item, "--count", "3");
            textExit.Should().Be(0);
            text.Should().StartWith($"Most similar to {item}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
