using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

public sealed class SvdPlusPlusCommandTests
{
    private static readonly string Train = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "train.csv");
    private static readonly string Validation = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

    [Fact]
    public void Train_saves_an_svdpp_model_that_evaluate_recommend_similar_model_info_and_plot_read()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mf-svdpp-{Guid.NewGuid():N}.model");
        string picture = Path.ChangeExtension(path, ".png");
        try
        {
            (int exit, string output, string error) = CliRunner.Run(
                "train", "--train", Train, "--test", Validation, "--model", "svdpp", "--factors", "8", "--epochs", "3",
                "--implicit-regularization", "0.2", "--save", path, "--json", "--quiet");
            error.Should().BeEmpty();
            exit.Should().Be(0);
            using JsonDocument trained = JsonDocument.Parse(output);
            trained.RootElement.GetProperty("model").GetString().Should().Be("svdpp");
            trained.RootElement.GetProperty("epochs").GetInt32().Should().Be(3);
            double rmse = trained.RootElement.GetProperty("test").GetProperty("rmse").GetDouble();
            rmse.Should().BeInRange(0.8, 1.0);

            (exit, output, error) = CliRunner.Run("evaluate", "--model", path, "--test", Validation, "--json", "--quiet");
            error.Should().BeEmpty();
            exit.Should().Be(0);
            using JsonDocument evaluated = JsonDocument.Parse(output);
            evaluated.RootElement.GetProperty("rmse").GetDouble().Should().BeApproximately(rmse, 1e-6);

            CliRunner.Run("recommend", "--model", path, "--user", "1", "--count", "5").Exit.Should().Be(0);
            CliRunner.Run("similar", "--model", path, "--item", "1", "--count", "5").Exit.Should().Be(0);
            (exit, output, _) = CliRunner.Run("model", "info", path);
            exit.Should().Be(0);
            output.Should().Contain("svdpp").And.Contain("ImplicitRegularization");

            (exit, _, error) = CliRunner.Run("plot", "items", "--model", path, "--out", picture, "--quiet");
            error.Should().BeEmpty();
            exit.Should().Be(0);
            PngHeader.Size(picture).Should().Match<(int Width, int Height)?>(s => s != null && s.Value.Width > 0 && s.Value.Height > 0);
        }
        finally
        {
            File.Delete(path);
            File.Delete(picture);
        }
    }

    [Fact]
    public void Search_and_cross_validation_take_svdpp_and_search_refuses_options_it_does_not_take()
    {
        (int exit, string output, string error) = CliRunner.Run(
            "search", "--train", Validation, "--model", "svdpp", "--folds", "2", "--factors", "4", "--epochs", "2", "--implicit-regularization", "0.1,0.3", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        output.Should().Contain("implicitRegularization");

        (exit, _, error) = CliRunner.Run("cv", "--train", Validation, "--model", "svdpp", "--folds", "2", "--factors", "4", "--epochs", "2", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);

        (exit, _, error) = CliRunner.Run("search", "--train", Validation, "--model", "svdpp", "--alpha", "1");
        exit.Should().Be(2);
        error.Should().Contain("--alpha does not apply to svdpp");
    }
}
