namespace MatrixFactorization.Tests.Cli;

/// <summary><c>mf data synth</c> refuses a size past its limits as a usage error, before it writes anything.</summary>
public sealed class SynthLimitCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Ten_trillion_ratings_are_a_usage_error_and_no_file_is_written()
    {
        string prefix = Path.Combine(_folder, "huge");
        (int exit, string output, string error) = CliRunner.Run(
            "data", "synth", "--users", "5000000", "--items", "5000000", "--ratings", "10000000000000", "--out", prefix);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("MaxRatings = 100,000,000");
        Directory.EnumerateFileSystemEntries(_folder).Should().BeEmpty();
    }

    [Fact]
    public void Max_ratings_raises_and_lowers_the_limit()
    {
        string prefix = Path.Combine(_folder, "small");
        CliRunner.Run("data", "synth", "--users", "30", "--items", "20", "--ratings", "100", "--max-ratings", "99", "--out", prefix)
            .Exit.Should().Be(2);
        File.Exists(prefix + ".txt").Should().BeFalse();

        (int exit, _, string error) = CliRunner.Run("data", "synth", "--quiet", "--users", "30", "--items", "20", "--ratings", "100", "--max-ratings", "100", "--max-users", "30", "--max-items", "20", "--out", prefix);
        error.Should().BeEmpty();
        exit.Should().Be(0);
        File.ReadAllLines(prefix + ".txt").Should().HaveCount(100);
    }

    [Fact]
    public void A_folder_as_the_prefix_is_a_usage_error_and_writes_no_hidden_file()
    {
        string folder = Path.Combine(_folder, "out");
        Directory.CreateDirectory(folder);

        foreach (string prefix in new[] { folder, folder + Path.DirectorySeparatorChar })
        {
            (int exit, string output, string error) = CliRunner.Run("data", "synth", "--quiet", "--users", "10", "--items", "10", "--ratings", "20", "--out", prefix);

            exit.Should().Be(2);
            output.Should().BeEmpty();
            error.Should().Contain("names a folder").And.Contain(Path.Combine(folder, "ratings"));
        }

        Directory.EnumerateFileSystemEntries(folder).Should().BeEmpty();
        File.Exists(folder + ".txt").Should().BeFalse();
    }

    [Fact]
    public void A_prefix_that_ends_in_txt_is_the_file_name()
    {
        string path = Path.Combine(_folder, "ratings.txt");
        (int exit, _, string error) = CliRunner.Run("data", "synth", "--quiet", "--users", "10", "--items", "10", "--ratings", "20", "--out", path);

        error.Should().BeEmpty();
        exit.Should().Be(0);
        File.ReadAllLines(path).Should().HaveCount(20);
        File.Exists(path + ".txt").Should().BeFalse();
    }
}
