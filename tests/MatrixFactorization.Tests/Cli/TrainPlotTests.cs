using System.Text.Json;
using System.Xml.Linq;

namespace MatrixFactorization.Tests.Cli;

/// <summary><c>mf train --plot</c>: the learning curve as a PNG or SVG file.</summary>
public sealed class TrainPlotTests : IDisposable
{
    private static readonly string Train = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "train.csv");
    private static readonly string Validation = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-train-plot-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Plot_writes_a_png_and_scores_the_test_file_after_every_epoch()
    {
        string picture = Path.Combine(_folder, "curve.png");
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", Validation, "--test", Validation, "--model", "biased", "--factors", "4", "--epochs", "4", "--threads", "1",
            "--plot", picture, "--json", "--quiet");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        PngHeader.Size(picture).Should().NotBeNull("the file must start with the PNG signature and an IHDR chunk")
            .And.Match<(int Width, int Height)?>(s => s!.Value.Width > 0 && s.Value.Height > 0);
        Directory.GetFiles(_folder).Should().ContainSingle("the temporary file is renamed into place, not left beside it");

        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("plottedTo").GetString().Should().Be(picture);
        JsonElement[] history = [.. json.RootElement.GetProperty("history").EnumerateArray()];
        history.Should().HaveCount(4);
        history.Should().OnlyContain(e => e.GetProperty("validationMetric").GetString() == "rmse" && e.GetProperty("validationScore").GetDouble() > 0);

        // After the last epoch the model is the one the test file is measured with.
        history[^1].GetProperty("validationScore").GetDouble()
            .Should().BeApproximately(json.RootElement.GetProperty("test").GetProperty("rmse").GetDouble(), 1e-5);
    }

    [Fact]
    public void Without_plot_the_test_file_is_not_scored_per_epoch()
    {
        (int exit, string output, _) = CliRunner.Run(
            "train", "--train", Validation, "--test", Validation, "--model", "biased", "--factors", "4", "--epochs", "2", "--threads", "1", "--json", "--quiet");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("history").EnumerateArray().Select(e => e.TryGetProperty("validationScore", out _)).Should().OnlyContain(has => !has);
        json.RootElement.TryGetProperty("plottedTo", out _).Should().BeFalse();
    }

    [Fact]
    public void An_svg_name_gets_an_svg_picture()
    {
        string picture = Path.Combine(_folder, "curve.svg");
        (int exit, string output, string error) = CliRunner.Run(
            "train", "--train", Validation, "--model", "bpr", "--factors", "4", "--epochs", "3", "--threads", "1", "--plot", picture, "--quiet");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        output.Should().Contain($"Learning curve drawn to {picture}");
        XDocument svg = XDocument.Load(picture);
        svg.Root!.Name.LocalName.Should().Be("svg");
        double.Parse(svg.Root.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        File.ReadAllBytes(picture).Take(4).Should().NotEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
    }

    [Theory]
    [InlineData("curve.jpg", "biased", ".png or .svg")]
    [InlineData("curve", "biased", ".png or .svg")]
    [InlineData("curve.png", "ease", "ease trains in one pass")]
    [InlineData("curve.png", "popularity", "popularity trains in one pass")]
    public void A_picture_that_cannot_be_drawn_is_refused_before_training(string name, string model, string reason)
    {
        string picture = Path.Combine(_folder, name);
        (int exit, string output, string error) = CliRunner.Run("train", "--train", Train, "--model", model, "--plot", picture);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("mf: ").And.Contain(reason).And.NotContain("load train.csv", "nothing is read before the refusal");
        File.Exists(picture).Should().BeFalse();
    }

    [Fact]
    public void The_plot_may_not_replace_an_input()
    {
        string ratings = Path.Combine(_folder, "ratings.png");
        File.Copy(Validation, ratings);
        byte[] before = File.ReadAllBytes(ratings);

        (int exit, _, string error) = CliRunner.Run("train", "--train", ratings, "--model", "mf", "--plot", ratings);

        exit.Should().Be(2);
        error.Should().Contain("--plot and --train name the same file");
        File.ReadAllBytes(ratings).Should().Equal(before);
    }

    [Fact]
    public void A_plot_in_a_missing_folder_is_refused_before_training()
    {
        string picture = Path.Combine(_folder, "no-such-folder", "curve.png");
        (int exit, _, string error) = CliRunner.Run("train", "--train", Train, "--model", "mf", "--plot", picture);
        exit.Should().Be(2);
        error.Should().Contain("--plot").And.Contain("does not exist").And.NotContain("load train.csv");
    }
}
