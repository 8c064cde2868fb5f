using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Cli;

public sealed class PredictCommandTests(SavedModelFixture fixture) : IClassFixture<SavedModelFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-predict-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Predictions_follow_the_file_order_and_equal_the_model_with_a_hand_computed_rmse()
    {
        // Users out of order, a repeated pair, an unknown user, an unknown item and both unknown.
        (string User, string Item, float Rating)[] lines =
        [
            ("15", "1", 4f), ("2", "50", 3f), ("15", "318", 5f), ("999999", "1", 2f), ("2", "50", 1f), ("1", "123456789", 3.5f), ("888888", "987654321", 4f), ("1", "1172", 4f),
        ];
        string test = Path.Combine(_folder, "test.csv");
        File.WriteAllLines(test, ["userId,movieId,rating", .. lines.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.User},{l.Item},{l.Rating}"))]);
        string outFile = Path.Combine(_folder, "predictions.txt");

        (int exit, string output, string error) = CliRunner.Run("predict", "--model", fixture.Path, "--test", test, "--out", outFile, "--json");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        var model = (IRatingModel)ModelSerializer.Load(fixture.Path);
        float[] written = [.. File.ReadAllLines(outFile).Select(l => float.Parse(l, CultureInfo.InvariantCulture))];
        written.Should().HaveCount(lines.Length);
        double squared = 0, absolute = 0;
        for (int k = 0; k < lines.Length; k++)
        {
            int user = model.Users.TryGetIndex(lines[k].User, out int u) ? u : -1;
            int item = model.Items.TryGetIndex(lines[k].Item, out int i) ? i : -1;
            written[k].Should().Be(model.PredictByIndex(user, item).Value, $"line {k + 2} is predicted in its place");
            squared += (written[k] - lines[k].Rating) * (double)(written[k] - lines[k].Rating);
            absolute += Math.Abs(written[k] - lines[k].Rating);
        }

        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        root.GetProperty("count").GetInt32().Should().Be(lines.Length);
        root.GetProperty("rmse").GetDouble().Should().BeApproximately(Math.Sqrt(squared / lines.Length), 1e-5);
        root.GetProperty("mae").GetDouble().Should().BeApproximately(absolute / lines.Length, 1e-5);
        JsonElement cold = root.GetProperty("coldStart");
        cold.GetProperty("unknownUser").GetInt32().Should().Be(1);
        cold.GetProperty("unknownItem").GetInt32().Should().Be(1);
        cold.GetProperty("unknownUserAndItem").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Without_out_the_predictions_go_to_standard_output_and_the_summary_to_standard_error()
    {
        string test = Path.Combine(_folder, "test.csv");
        File.WriteAllLines(test, ["15,1,4", "999999,1,2"]);

        (int exit, string output, string error) = CliRunner.Run("predict", "--model", fixture.Path, "--test", test);

        exit.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2)
            .And.OnlyContain(l => float.Parse(l, CultureInfo.InvariantCulture) > 0);
        error.Should().Contain("RMSE").And.Contain("1 unknown user");
    }

    [Fact]
    public void A_list_model_is_a_usage_error_naming_the_rating_models()
    {
        string listModel = Path.Combine(_folder, "pop.model");
        CliRunner.Run("train", "--train", SavedModelFixture.Ratings, "--model", "popularity", "--quiet", "--save", listModel).Exit.Should().Be(0);
        string test = Path.Combine(_folder, "test.csv");
        File.WriteAllLines(test, ["15,1,4"]);

        (int exit, _, string error) = CliRunner.Run("predict", "--model", listModel, "--test", test);

        exit.Should().Be(2);
        error.Should().Contain("baseline, mf, biased or neural");
    }

    [Fact]
    public void The_output_never_replaces_the_input()
    {
        string test = Path.Combine(_folder, "test.csv");
        File.WriteAllLines(test, ["15,1,4"]);

        CliRunner.Run("predict", "--model", fixture.Path, "--test", test, "--out", test).Exit.Should().Be(2);
        File.ReadAllText(test).Should().Be("15,1,4" + Environment.NewLine);
    }

    [Fact]
    public void String_ids_train_and_predict_a_file_of_text_ids()
    {
        string train = Path.Combine(_folder, "shop.csv");
        File.WriteAllLines(train, ["7,SKU-1,5", "7,SKU-2,1", "bob,SKU-1,4", "bob,SKU-3,2", "carol,SKU-2,3", "carol,SKU-3,4"]);
        string model = Path.Combine(_folder, "shop.model");
        string test = Path.Combine(_folder, "shop-test.csv");
        File.WriteAllLines(test, ["carol,SKU-1,4", "7,SKU-3,2", "dave,SKU-1,3"]);

        CliRunner.Run("train", "--train", train, "--model", "baseline", "--quiet", "--save", model).Exit.Should().Be(3, "the first user id looks like an integer, so later text ids are refused");
        CliRunner.Run("train", "--train", train, "--model", "baseline", "--string-ids", "--quiet", "--save", model).Exit.Should().Be(0);
        (int exit, string output, _) = CliRunner.Run("predict", "--model", model, "--test", test, "--string-ids", "--json");

        exit.Should().Be(0);
        var trained = (IRatingModel)ModelSerializer.Load(model);
        float[] values = [.. JsonDocument.Parse(output).RootElement.GetProperty("predictions").EnumerateArray().Select(v => v.GetSingle())];
        values.Should().Equal(trained.Predict("carol", "SKU-1").Value, trained.Predict("7", "SKU-3").Value, trained.Predict("dave", "SKU-1").Value);
        JsonDocument.Parse(output).RootElement.GetProperty("coldStart").GetProperty("unknownUser").GetInt32().Should().Be(1);
    }
}
