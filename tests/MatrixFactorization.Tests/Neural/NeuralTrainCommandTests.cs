using System.Text.Json;
using MatrixFactorization.Tests.Cli;

namespace MatrixFactorization.Tests.Neural;

public sealed class NeuralTrainCommandTests
{
    private static readonly string Train = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "train.csv");
    private static readonly string Validation = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

    [Fact]
    public void Neural_training_prints_the_same_json_as_the_other_models_and_saves()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-neural-{Guid.NewGuid():N}.model");
        try
        {
            (int exit, string output, string error) = CliRunner.Run(
                "train", "--train", Train, "--test", Validation, "--model", "neural", "--factors", "16", "--hidden", "8", "4",
                "--dropout", "0.2", "--batch-size", "2048", "--epochs", "2", "--learning-rate", "0.005", "--weight-decay", "0.01",
                "--threads", "2", "--save", path, "--json", "--quiet");

            error.Should().BeEmpty();
            exit.Should().Be(0);
            using JsonDocument json = JsonDocument.Parse(output);
            JsonElement root = json.RootElement;
            root.GetProperty("model").GetString().Should().Be("neural");
            root.GetProperty("factors").GetInt32().Should().Be(16);
            root.GetProperty("epochs").GetInt32().Should().Be(2);
            root.GetProperty("threads").GetInt32().Should().Be(2);
            root.GetProperty("updatesPerSecondPerThread").GetDouble().Should().BePositive();
            root.GetProperty("test").GetProperty("rmse").GetDouble().Should().BeInRange(0.8, 1.1);

            var model = MatrixFactorization.Persistence.ModelSerializer.Load(path).Should().BeOfType<MatrixFactorization.Models.NeuralModel>().Which;
            model.HiddenLayers.Should().Equal(8, 4);
            model.UserEmbeddingLength.Should().Be(16);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Without_hidden_widths_the_default_network_is_trained()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-neural-{Guid.NewGuid():N}.model");
        try
        {
            CliRunner.Run("train", "--train", Train, "--model", "neural", "--factors", "8", "--epochs", "1", "--save", path).Exit.Should().Be(0);
            var model = (MatrixFactorization.Models.NeuralModel)MatrixFactorization.Persistence.ModelSerializer.Load(path);
            model.HiddenLayers.Should().Equal(new MatrixFactorization.Training.NeuralOptions().HiddenLayers);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_bad_neural_option_is_a_usage_error()
    {
        (int exit, _, string error) = CliRunner.Run("train", "--train", Train, "--model", "neural", "--dropout", "1.5");
        exit.Should().NotBe(0);
        error.Should().Contain("Dropout");
    }

    [Fact]
    public void A_learning_rate_schedule_is_accepted_and_checked()
    {
        CliRunner.Run(
            "train", "--train", Train, "--model", "neural", "--factors", "8", "--epochs", "2", "--batch-size", "0",
            "--learning-rate-schedule", "1:0.05", "1:0.01").Exit.Should().Be(0);

        (int exit, _, string error) = CliRunner.Run("train", "--train", Train, "--model", "neural", "--learning-rate-schedule", "1:fast");
        exit.Should().Be(2);
        error.Should().Contain("--learning-rate-schedule");

        (exit, _, error) = CliRunner.Run("train", "--train", Train, "--model", "neural", "--learning-rate-schedule", "0:0.05");
        exit.Should().NotBe(0);
        error.Should().Contain("LearningRateSchedule.Epochs");
    }
}

