using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

public sealed class InspectCommandTests
{
    [Fact]
    public void Inspect_reports_the_bundled_data_set()
    {
        (int exit, string output, _) = CliRunner.Run("data", "inspect", CliRunner.DataFile("ml-latest-small", "ratings.csv"), "--json");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("ratings").GetInt32().Should().Be(100_836);
        root.GetProperty("users").GetInt32().Should().Be(610);
        root.GetProperty("items").GetInt32().Should().Be(9_724);
        root.GetProperty("scale").GetProperty("step").GetDouble().Should().Be(0.5);
        root.GetProperty("format").GetString().Should().Be("movielens");
        root.GetProperty("ratingsPerSecond").GetDouble().Should().BePositive();
    }

    [Fact]
    public void Inspect_loads_on_the_threads_it_is_given()
    {
        string path = CliRunner.DataFile("ml-latest-small", "ratings.csv");
        (int exit, string output, _) = CliRunner.Run("data", "inspect", path, "--threads", "1", "--json");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("ratings").GetInt32().Should().Be(100_836);

        (int refused, _, string error) = CliRunner.Run("data", "inspect", path, "--threads", "-1");
        refused.Should().Be(2);
        error.Should().Contain("--threads");
    }

    [Fact]
    public void A_malformed_file_is_bad_data_with_its_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-cli-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "userId,movieId,rating,timestamp\n1,2,4.0,100\n1,3,four,101\n");
        try
        {
            (int exit, _, string error) = CliRunner.Run("data", "inspect", path);
            exit.Should().Be(3);
            error.Should().Contain(":3");
            error.Should().Contain("four");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
