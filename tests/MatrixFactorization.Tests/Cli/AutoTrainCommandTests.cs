using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

public sealed class AutoTrainCommandTests
{
    private static readonly string Small = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");
    private static readonly string Large = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "train.csv");

    [Fact]
    public void The_choice_comes_from_the_training_file_alone_whatever_the_test_file()
    {
        // Two different test files: the search's trials and choice must be the same byte for byte,
        // only the final test section may differ.
        string otherTest = Path.Combine(Path.GetTempPath(), $"mf-auto-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(otherTest, File.ReadLines(Large).Take(800));
        try
        {
            JsonElement Run(string test)
            {
                (int exit, string output, string error) = CliRunner.Run(
                    "train", "--train", Small, "--test", test, "--model", "alswr", "--auto", "--factors", "4", "--epochs", "3", "--threads", "1", "--json", "--quiet");
                error.Should().BeEmpty();
                exit.Should().Be(0);
                return JsonDocument.Parse(output).RootElement.Clone();
            }

            JsonElement first = Run(Large);
            JsonElement second = Run(otherTest);
            second.GetProperty("auto").GetProperty("trials").GetRawText().Should().Be(first.GetProperty("auto").GetProperty("trials").GetRawText());
            second.GetProperty("auto").GetProperty("chosen").GetRawText().Should().Be(first.GetProperty("auto").GetProperty("chosen").GetRawText());
            second.GetProperty("test").GetProperty("count").GetInt32().Should().NotBe(first.GetProperty("test").GetProperty("count").GetInt32());

            JsonElement auto = first.GetProperty("auto");
            auto.GetProperty("fitRatings").GetInt32().Should().BePositive();
            (auto.GetProperty("fitRatings").GetInt32() + auto.GetProperty("validationRatings").GetInt32()).Should().Be(19_507);
            auto.GetProperty("trials").GetArrayLength().Should().BeGreaterThanOrEqualTo(6, "two searches of at least three trials");
            auto.GetProperty("chosen").GetProperty("epochs").GetInt32().Should().Be(3);
        }
        finally
        {
            File.Delete(otherTest);
        }
    }

    [Fact]
    public void Auto_biased_prints_what_it_chose_and_trains_that_many_epochs()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", Small, "--model", "biased", "--auto", "--factors", "4", "--epochs", "6", "--threads", "1", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        output.Should().MatchRegex(@"Auto: \d+ trials on [\d,]+ ratings of [\d,]+ users, scored on [\d,]+");
        output.Should().MatchRegex(@"chose η [\d.]+, λ [\d.]+, \d epochs \(validation RMSE 0\.\d{4}\)");
    }

    [Theory]
    [InlineData("mf")]
    [InlineData("neural")]
    [InlineData("bpr")]
    public void Auto_for_a_model_it_does_not_tune_is_a_usage_error(string model)
    {
        (int exit, _, string error) = CliRunner.Run("train", "--train", Small, "--model", model, "--auto");
        exit.Should().Be(2);
        error.Should().Contain("--auto tunes biased and alswr");
    }

    [Fact]
    public void Cv_takes_alswr_and_the_optimizer()
    {
        double Rmse(params string[] extra)
        {
            (int exit, string output, string error) = CliRunner.Run(
                ["cv", "--train", Small, "--folds", "2", "--factors", "4", "--epochs", "4", "--threads", "1", "--json", "--quiet", .. extra]);
            error.Should().BeEmpty();
            exit.Should().Be(0);
            using JsonDocument json = JsonDocument.Parse(output);
            return json.RootElement.GetProperty("metrics").GetProperty("rmse").GetProperty("mean").GetDouble();
        }

        Rmse("--model", "alswr").Should().BeInRange(0.8, 1.2);
        double sgd = Rmse("--model", "biased", "--learning-rate", "0.05");
        double adagrad = Rmse("--model", "biased", "--learning-rate", "0.05", "--optimizer", "adagrad");
        adagrad.Should().NotBe(sgd, "the optimizer reaches the trainer");
    }
}
