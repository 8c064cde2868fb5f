using System.Net;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace RecommendationService.Tests;

/// <summary>How the service gets its model at start.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task Without_a_model_file_it_trains_one_from_the_ratings_and_saves_it()
    {
        using var data = new TrainedModel();
        string modelPath = Path.Combine(data.Folder, "first-start", "model.mf");
        using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Recommendations:ModelPath"] = modelPath,
            ["Recommendations:RatingsPath"] = data.RatingsPath,
            ["Recommendations:TitlesPath"] = "",
            ["Recommendations:TrainIfMissing"] = "true",
        });
        using HttpClient client = factory.CreateClient();

        (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.GetFiles(Path.GetDirectoryName(modelPath)!).Should().Equal([modelPath], "the model is saved whole, under its own name, with nothing left beside it");
        IScoringModel saved = ModelSerializer.Load(modelPath);
        saved.Users.Count.Should().Be(TrainedModel.UserCount);
        saved.Items.Count.Should().Be(TrainedModel.ItemCount);
    }

    [Fact]
    public void Without_a_model_file_or_leave_to_train_it_does_not_start_and_names_the_file()
    {
        using var data = new TrainedModel();
        string modelPath = Path.Combine(data.Folder, "missing.mf");
        using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Recommendations:ModelPath"] = modelPath,
            ["Recommendations:RatingsPath"] = "",
            ["Recommendations:TitlesPath"] = "",
            ["Recommendations:TrainIfMissing"] = "false",
        });

        Action start = () => factory.CreateClient();

        start.Should().Throw<FileNotFoundException>().WithMessage($"*{modelPath}*TrainIfMissing*");
    }
}
