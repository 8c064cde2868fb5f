using System.Globalization;
using System.Text;
using System.Text.Json;
using MatrixFactorization.Tests.Data;

namespace MatrixFactorization.Tests.Cli;

/// <summary>What <c>mf train --model bpr</c> reports: its k, its threads and its sampled triples, one per positive interaction an epoch.</summary>
public sealed class BprTrainCommandTests : IDisposable
{
    // 40 users × 30 items, every user rating every third item: 400 ratings, a rating
    // 1 + (u + i) mod 5, so exactly the 160 with (u + i) mod 5 ≥ 3 are at least 4.
    private const int RatingCount = 400;
    private const int AtLeastFour = 160;

    private readonly TempFolder _folder = new();
    private readonly string _ratings;

    public BprTrainCommandTests()
    {
        var text = new StringBuilder();
        int written = 0, high = 0;
        for (int u = 0; u < 40; u++)
        {
            for (int i = u % 3; i < 30; i += 3)
            {
                int rating = 1 + ((u + i) % 5);
                text.Append(CultureInfo.InvariantCulture, $"{u},{i},{rating}\n");
                written++;
                high += rating >= 4 ? 1 : 0;
            }
        }

        // The counts the tests rely on, checked against the file rather than assumed.
        written.Should().Be(RatingCount);
        high.Should().Be(AtLeastFour);
        _ratings = _folder.Write("ratings.csv", text.ToString());
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null, AtLeastFour)]
    [InlineData("4", AtLeastFour)]
    [InlineData("-Infinity", RatingCount)]
    public void Json_reports_k_and_one_triple_per_positive_interaction_an_epoch(string? minRating, int positives)
    {
        string[] args = ["train", "--train", _ratings, "--model", "bpr", "--factors", "24", "--epochs", "3", "--threads", "2", "--json", "--quiet"];
        if (minRating is not null)
        {
            args = [.. args, "--min-rating", minRating];
        }

        (int exit, string output, string error) = CliRunner.Run(args);

        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("factors").GetInt32().Should().Be(24);
        root.GetProperty("threads").GetInt32().Should().Be(2);
        root.GetProperty("epochs").GetInt32().Should().Be(3);
        root.GetProperty("trainRatings").GetInt32().Should().Be(RatingCount);
        root.GetProperty("updatesPerEpoch").GetInt32().Should().Be(positives);

        // The rates are the triples of all epochs over the time, per thread.
        double seconds = root.GetProperty("trainSeconds").GetDouble();
        double epochSeconds = root.GetProperty("epochSeconds").GetDouble();
        double perThread = root.GetProperty("updatesPerSecondPerThread").GetDouble();
        double epochPerThread = root.GetProperty("epochUpdatesPerSecondPerThread").GetDouble();
        perThread.Should().BeInRange(Lowest(3.0 * positives / 2, seconds), Highest(3.0 * positives / 2, seconds));
        epochPerThread.Should().BeInRange(Lowest(3.0 * positives / 2, epochSeconds), Highest(3.0 * positives / 2, epochSeconds));
    }

    [Fact]
    public void Threads_beyond_the_grid_rows_are_not_counted()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", _ratings, "--model", "bpr", "--factors", "8", "--epochs", "1", "--threads", "12", "--json", "--quiet");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("threads").GetInt32().Should().Be(8, "the 8 × 8 grid runs one block of each of its 8 rows at a time");
    }

    [Fact]
    public void The_grid_option_reaches_the_trainer()
    {
        string[] args = ["train", "--train", _ratings, "--model", "bpr", "--factors", "8", "--epochs", "2", "--threads", "12", "--min-rating", "-Infinity", "--json", "--quiet"];
        (int exit, string output, _) = CliRunner.Run(args);
        (int gridExit, string gridOutput, string gridError) = CliRunner.Run([.. args, "--grid", "4"]);

        exit.Should().Be(0);
        gridError.Should().BeEmpty();
        gridExit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        using JsonDocument gridJson = JsonDocument.Parse(gridOutput);
        gridJson.RootElement.GetProperty("threads").GetInt32().Should().Be(4, "a 4 × 4 grid runs four blocks at a time");

        // Each triple draws its negative from its own block's items, so the grid changes the
        // sampling and with it the loss.
        gridJson.RootElement.GetProperty("finalTrainingLoss").GetDouble()
            .Should().NotBe(json.RootElement.GetProperty("finalTrainingLoss").GetDouble());
    }

    [Fact]
    public void Text_output_speaks_of_triples()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", _ratings, "--model", "bpr", "--factors", "16", "--epochs", "2", "--threads", "1", "--quiet", "--min-rating", "-Infinity");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        output.Should().Contain("k = 16, 2 epochs, 1 threads, 400 triples an epoch, ").And.Contain("M triples/s/thread");
    }

    // The JSON rounds the seconds to four decimals and the rates to whole numbers, so the true
    // seconds lie within half a unit of the fourth decimal of the printed ones; a tiny file's epochs
    // can take less than that half unit, and then the rate has no upper bound.
    private static double Lowest(double updatesPerThread, double roundedSeconds) => (updatesPerThread / (roundedSeconds + 0.00005)) - 1;

    private static double Highest(double updatesPerThread, double roundedSeconds) =>
        roundedSeconds > 0.00005 ? (updatesPerThread / (roundedSeconds - 0.00005)) + 1 : double.MaxValue;
}
