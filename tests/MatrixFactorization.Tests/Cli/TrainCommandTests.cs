using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

public sealed class TrainCommandTests
{
    private static readonly string Train = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "train.csv");
    private static readonly string Validation = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

    [Fact]
    public void Json_output_has_the_promised_fields_and_a_test_section()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", Train, "--test", Validation, "--model", "biased", "--factors", "16", "--epochs", "5", "--threads", "2", "--json", "--quiet");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("model").GetString().Should().Be("biased");
        root.GetProperty("factors").GetInt32().Should().Be(16);
        root.GetProperty("epochs").GetInt32().Should().Be(5);
        root.GetProperty("threads").GetInt32().Should().Be(2);
        root.GetProperty("trainSeconds").GetDouble().Should().BePositive();
        root.GetProperty("updatesPerSecondPerThread").GetDouble().Should().BePositive();
        root.GetProperty("trainRatings").GetInt32().Should().Be(79_799);
        JsonElement test = root.GetProperty("test");
        test.GetProperty("count").GetInt32().Should().Be(19_507);
        test.GetProperty("rmse").GetDouble().Should().BeInRange(0.8, 1.0);
        test.GetProperty("mae").GetDouble().Should().BeLessThan(test.GetProperty("rmse").GetDouble());
    }

    [Fact]
    public void Saved_models_round_trip_through_the_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-cli-{Guid.NewGuid():N}.model");
        try
        {
            CliRunner.Run("train", "--train", Train, "--model", "mf", "--factors", "8", "--epochs", "3", "--save", path).Exit.Should().Be(0);
            var model = MatrixFactorization.Persistence.ModelSerializer.Load(path).Should().BeOfType<MatrixFactorization.Models.MatrixFactorizationModel>().Which;
            model.Predict(1, 31).Source.Should().Be(MatrixFactorization.Models.PredictionSource.Model);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(2, "train", "--bogus")]
    [InlineData(2, "train", "--train")]
    [InlineData(2, "train", "--train", "x.csv", "--model", "nonsense")]
    [InlineData(3, "train", "--train", "no-such-file.csv")]
    [InlineData(3, "data", "inspect", "no-such-file.csv")]
    public void Exit_codes_separate_usage_errors_from_bad_data(int expected, params string[] args)
    {
        (int exit, _, string error) = CliRunner.Run(args);
        exit.Should().Be(expected);
        error.Should().StartWith("mf: ");
        error.Should().NotContain("   at ", "stack traces are only printed with --verbose");
    }

    [Fact]
    public void A_bad_option_value_is_a_usage_error_naming_the_option()
    {
        (int exit, _, string error) = CliRunner.Run("train", "--train", Train, "--factors", "0");
        exit.Should().Be(2);
        error.Should().Contain("FactorCount").And.Contain("[1, 4096]");
    }
}
