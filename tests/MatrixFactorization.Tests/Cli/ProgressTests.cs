using System.Globalization;
using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

/// <summary>Progress of the commands when the streams are redirected (as they are here: StringWriters).</summary>
public sealed class ProgressTests : IDisposable
{
    private const char Escape = '\u001b';
    private static readonly string Train = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "train.csv");
    private static readonly string Validation = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-progress-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Redirected_train_writes_plain_progress_lines_to_the_error_stream_and_json_alone_to_the_output()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", Train, "--model", "biased", "--factors", "8", "--epochs", "4", "--threads", "1", "--json");

        exit.Should().Be(0);
        output.Should().NotContain(Escape.ToString());
        error.Should().NotContain(Escape.ToString());
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Contain(l => l.StartsWith("load train.csv: ", StringComparison.Ordinal) && l.Contains(" ratings in ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("train biased: epoch 1/4, training loss ", StringComparison.Ordinal), "the first epoch is always shown");
        lines.Should().Contain(l => l.StartsWith("train biased: epoch 4/4, training loss ", StringComparison.Ordinal), "the last epoch is always shown");

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement[] history = [.. json.RootElement.GetProperty("history").EnumerateArray()];
        history.Select(e => e.GetProperty("epoch").GetInt32()).Should().Equal(1, 2, 3, 4);
        foreach (JsonElement epoch in history)
        {
            epoch.GetProperty("trainingLoss").ValueKind.Should().Be(JsonValueKind.Number);
            epoch.GetProperty("learningRate").GetDouble().Should().Be(0.005, "the default learning rate, with no decay");
            epoch.GetProperty("seconds").GetDouble().Should().BeGreaterThanOrEqualTo(0);
            epoch.TryGetProperty("validationScore", out _).Should().BeFalse("train has no validation set");
        }

        // SGD on these ratings lowers the training RMSE every epoch from where the biases start.
        history.Select(e => e.GetProperty("trainingLoss").GetDouble()).Should().BeInDescendingOrder();
        history[^1].GetProperty("trainingLoss").GetDouble().Should().Be(json.RootElement.GetProperty("finalTrainingRmse").GetDouble());
    }

    [Fact]
    public void The_progress_lines_show_each_epoch_s_loss_as_the_history_records_it()
    {
        (_, string output, string error) = CliRunner.Run(
            "train", "--train", Train, "--model", "mf", "--factors", "4", "--epochs", "2", "--threads", "1", "--json");
        using JsonDocument json = JsonDocument.Parse(output);
        double first = json.RootElement.GetProperty("history")[0].GetProperty("trainingLoss").GetDouble();
        error.Should().Contain(string.Create(CultureInfo.InvariantCulture, $"train mf: epoch 1/2, training loss {first:F4}"));
    }

    [Fact]
    public void Quiet_silences_progress()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", Train, "--model", "biased", "--factors", "8", "--epochs", "3", "--threads", "1", "--json", "--quiet");
        exit.Should().Be(0);
        error.Should().BeEmpty();
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("history").GetArrayLength().Should().Be(3);

        (exit, _, error) = CliRunner.Run("cv", "--train", Validation, "--folds", "2", "--factors", "4", "--epochs", "2", "--threads", "1", "--quiet");
        exit.Should().Be(0);
        error.Should().BeEmpty();

        (exit, _, error) = CliRunner.Run(
            "data", "synth", "--users", "50", "--items", "20", "--ratings", "500", "--out", Path.Combine(_folder, "quiet"), "--quiet");
        exit.Should().Be(0);
        error.Should().BeEmpty();
    }

    [Fact]
    public void Cv_shows_each_fold_and_its_epochs_on_the_error_stream()
    {
        (int exit, _, string error) = CliRunner.Run("cv", "--train", Validation, "--folds", "3", "--factors", "4", "--epochs", "2", "--threads", "1");
        exit.Should().Be(0);
        error.Should().NotContain(Escape.ToString());
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Should().Contain(l => l.StartsWith("cv: fold 1/3", StringComparison.Ordinal));
        foreach (int fold in new[] { 1, 2, 3 })
        {
            lines.Should().Contain(l => l.StartsWith($"fold {fold}/3: epoch 1/2, training loss ", StringComparison.Ordinal));
            lines.Should().Contain(l => l.StartsWith($"fold {fold}/3: epoch 2/2, training loss ", StringComparison.Ordinal));
        }

        lines[^1].Should().StartWith("cv: 3 folds in ");
    }

    [Fact]
    public void Synth_shows_the_ratings_written()
    {
        (int exit, _, string error) = CliRunner.Run(
            "data", "synth", "--users", "300", "--items", "100", "--ratings", "5000", "--out", Path.Combine(_folder, "shown"));
        exit.Should().Be(0);
        error.Should().NotContain(Escape.ToString());
        error.Should().Contain("synth shown.txt: 5,000 of 5,000 ratings (100%)").And.Contain("synth shown.txt: 5,000 ratings in ");
    }

    [Fact]
    public void A_usage_error_found_before_reading_comes_without_progress()
    {
        (int exit, _, string error) = CliRunner.Run("cv", "--train", Validation, "--factors", "many");
        exit.Should().Be(2);
        error.Should().StartWith("mf: --factors: 'many' is not an integer.");
    }

    [Theory]
    [InlineData("inspect")]
    [InlineData("split")]
    [InlineData("evaluate")]
    public void Commands_that_read_a_rating_file_show_the_read_unless_quiet(string command)
    {
        string[] args = command switch
        {
            "inspect" => ["data", "inspect", Validation, "--json"],
            "split" => ["data", "split", Validation, "--out-train", Path.Combine(_folder, "a.csv"), "--out-test", Path.Combine(_folder, "b.csv"), "--json"],
            _ => ["evaluate", "--model", TrainedModel(), "--test", Validation, "--json"],
        };

        (int exit, string output, string error) = CliRunner.Run(args);
        exit.Should().Be(0);
        error.Should().Contain("load val.csv: ").And.Contain("(100%)");
        output.Should().NotContain("load val.csv");
        JsonDocument.Parse(output).RootElement.ValueKind.Should().Be(JsonValueKind.Object);

        foreach (string name in Directory.GetFiles(_folder, "*.csv"))
        {
            File.Delete(name);
        }

        (exit, _, error) = CliRunner.Run([.. args, "--quiet"]);
        exit.Should().Be(0);
        error.Should().BeEmpty();
    }

    private string TrainedModel()
    {
        string path = Path.Combine(_folder, "m.mfm");
        CliRunner.Run("train", "--train", Validation, "--factors", "4", "--epochs", "1", "--threads", "1", "--save", path, "--quiet").Exit.Should().Be(0);
        return path;
    }
}
