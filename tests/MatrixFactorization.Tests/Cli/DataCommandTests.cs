using System.Text.Json;
using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Cli;

public sealed class DataCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("holdout")]
    [InlineData("kfold")]
    [InlineData("peruser")]
    [InlineData("temporal")]
    public void Split_writes_disjoint_files_that_account_for_every_rating(string method)
    {
        string source = CliRunner.DataFile("ml-latest-small", "ratings.csv");
        string train = Path.Combine(_folder, "train.csv");
        string test = Path.Combine(_folder, "test.txt");
        (int exit, string output, string error) = CliRunner.Run(
            "data", "split", source, "--method", method, "--seed", "3", "--cold-start", "keep", "--out-train", train, "--out-test", test, "--json", "--quiet");
        error.Should().BeEmpty();
        exit.Should().Be(0);

        using JsonDocument json = JsonDocument.Parse(output);
        RatingStore trainStore = RatingReader.Read(train).Store;
        RatingStore testStore = RatingReader.Read(test).Store;
        json.RootElement.GetProperty("train").GetInt32().Should().Be(trainStore.Count);
        json.RootElement.GetProperty("test").GetInt32().Should().Be(testStore.Count);
        (trainStore.Count + testStore.Count).Should().Be(100_836, "with cold starts kept nothing is dropped");
        testStore.Count.Should().BePositive();

        var trainPairs = Pairs(trainStore);
        Pairs(testStore).Should().NotIntersectWith(trainPairs);
    }

    [Fact]
    public void Split_writes_snapshots_for_outputs_named_like_one()
    {
        string source = CliRunner.DataFile("ml-latest-small", "ratings.csv");
        string train = Path.Combine(_folder, "train.mfr");
        string test = Path.Combine(_folder, "test.mfr");
        string textTrain = Path.Combine(_folder, "train.txt");
        string textTest = Path.Combine(_folder, "test.txt");
        CliRunner.Run("data", "split", source, "--seed", "4", "--out-train", train, "--out-test", test, "--quiet").Exit.Should().Be(0);
        CliRunner.Run("data", "split", source, "--seed", "4", "--out-train", textTrain, "--out-test", textTest, "--quiet").Exit.Should().Be(0);

        RatingSnapshot.IsSnapshot(train).Should().BeTrue();
        RatingSnapshot.IsSnapshot(test).Should().BeTrue();
        RatingSnapshot.IsSnapshot(textTrain).Should().BeFalse();
        RatingStore fromSnapshot = RatingSnapshot.Read(test).Store;
        RatingStore fromText = RatingReader.Read(textTest).Store;
        fromSnapshot.Count.Should().BePositive().And.Be(fromText.Count);
        Pairs(fromSnapshot).Should().BeEquivalentTo(Pairs(fromText));
        RatingSnapshot.Read(train).Store.Count.Should().Be(RatingReader.Read(textTrain).Store.Count);
    }

    [Fact]
    public void The_same_seed_writes_the_same_files()
    {
        string source = CliRunner.DataFile("ml-latest-small", "ratings.csv");
        string[] paths = [.. Enumerable.Range(0, 4).Select(k => Path.Combine(_folder, $"f{k}.txt"))];
        CliRunner.Run("data", "split", source, "--seed", "9", "--out-train", paths[0], "--out-test", paths[1]).Exit.Should().Be(0);
        CliRunner.Run("data", "split", source, "--seed", "9", "--out-train", paths[2], "--out-test", paths[3]).Exit.Should().Be(0);
        File.ReadAllBytes(paths[0]).Should().Equal(File.ReadAllBytes(paths[2]));
        File.ReadAllBytes(paths[1]).Should().Equal(File.ReadAllBytes(paths[3]));
    }

    [Fact]
    public void Synth_writes_the_requested_ratings_and_reports_the_noise_floor()
    {
        string prefix = Path.Combine(_folder, "synth");
        (int exit, string output, _) = CliRunner.Run(
            "data", "synth", "--users", "300", "--items", "100", "--ratings", "5000", "--rank", "4", "--seed", "2", "--out", prefix, "--json");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("ratings").GetInt64().Should().Be(5000);
        json.RootElement.GetProperty("noiseFloorRmse").GetDouble().Should().BeInRange(0.4, 0.6);
        LoadResult loaded = RatingReader.Read(prefix + ".txt");
        loaded.Report.Format.Should().Be(RatingFormat.Libmf);
        loaded.Store.Count.Should().Be(5000);
    }

    private static HashSet<(string, string)> Pairs(RatingStore store)
    {
        var pairs = new HashSet<(string, string)>();
        for (int k = 0; k < store.Count; k++)
        {
            pairs.Add((store.Users.GetId(store.UserIndices[k]), store.Items.GetId(store.ItemIndices[k])));
        }

        return pairs;
    }
}
