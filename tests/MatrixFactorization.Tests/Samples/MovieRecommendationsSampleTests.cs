using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using MovieRecommendations;

namespace MatrixFactorization.Tests.Samples;

/// <summary>
/// The console sample end to end, in process: one full run with pictures (shared by the checks
/// below, since it trains every model), and the mistakes it must refuse before training anything.
/// </summary>
public sealed partial class MovieRecommendationsSampleTests(MovieRecommendationsSampleTests.FullRun run) : IClassFixture<MovieRecommendationsSampleTests.FullRun>
{
    /// <summary>The talk's matrix, as the talk gives it.</summary>
    private static readonly int[][] TalkRatings =
    [
        [3, 1, 1, 3, 1],
        [1, 2, 4, 1, 3],
        [3, 1, 1, 3, 1],
        [4, 3, 5, 4, 4],
    ];

    [Fact]
    public void The_run_succeeds_and_shows_every_section()
    {
        run.Exit.Should().Be(0, run.Error);
        run.Error.Should().BeEmpty();
        run.Output.Should().ContainAll(
            "1. The talk", "Learned item features", "Original → learned", "Learned features × W",
            "2. MovieLens", "The models side by side", "Top 10 for user 1 (EASE", "Because you rated",
            "Movies like Toy Story", "A new user", "3. Pictures");
        run.Output.Should().ContainAll("Biased MF", "Baseline", "EASE", "Implicit ALS", "BPR", "Popularity", "NDCG@10", "RMSE", "MAE", "Fit time");
    }

    [Fact]
    public void The_talk_matrix_is_rebuilt_closely_from_two_features()
    {
        MatchCollection cells = ReconstructedCell().Matches(run.Output);
        cells.Should().HaveCount(20, "the reconstruction shows each of the 4 × 5 ratings beside its learned value");
        for (int k = 0; k < cells.Count; k++)
        {
            int original = int.Parse(cells[k].Groups["original"].Value, CultureInfo.InvariantCulture);
            double learned = double.Parse(cells[k].Groups["learned"].Value, CultureInfo.InvariantCulture);
            original.Should().Be(TalkRatings[k / 5][k % 5], "the table shows the talk's matrix, row by row");
            learned.Should().BeApproximately(original, 0.05, $"cell {k / 5 + 1},{k % 5 + 1} is rebuilt from two features");
        }

        Match rmse = ReconstructionRmse().Match(run.Output);
        rmse.Success.Should().BeTrue();
        double.Parse(rmse.Groups["rmse"].Value, CultureInfo.InvariantCulture).Should().BeLessThan(0.05);
    }

    [Fact]
    public void The_hidden_rating_is_guessed_close_to_the_truth()
    {
        Match hidden = HiddenRating().Match(run.Output);
        hidden.Success.Should().BeTrue("the talk section hides one rating and guesses it");
        int truth = int.Parse(hidden.Groups["truth"].Value, CultureInfo.InvariantCulture);
        truth.Should().Be(TalkRatings[3][2], "Dana's rating of Movie 3 is the one hidden");
        double.Parse(hidden.Groups["guess"].Value, CultureInfo.InvariantCulture).Should().BeApproximately(truth, 0.25);
    }

    [Theory]
    [InlineData("learning-curve.png")]
    [InlineData("movie-map.png")]
    public void Each_picture_is_a_valid_png_named_on_screen(string name)
    {
        string path = Path.Combine(run.OutputDirectory, name);
        run.Output.Should().Contain(path);
        byte[] bytes = File.ReadAllBytes(path);
        bytes.Length.Should().BeGreaterThan(33);
        bytes.AsSpan(0, 8).ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        System.Text.Encoding.ASCII.GetString(bytes, 12, 4).Should().Be("IHDR");
        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)).Should().BePositive("the width");
        BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)).Should().BePositive("the height");
    }

    [Fact]
    public void Only_the_pictures_are_written()
    {
        Directory.GetFiles(run.OutputDirectory).Select(Path.GetFileName).Should().BeEquivalentTo(["learning-curve.png", "movie-map.png"]);
    }

    [Fact]
    public void An_output_folder_inside_the_data_is_refused_before_anything_runs()
    {
        string inside = Path.Combine(FullRun.DataDirectory, "pictures");
        (int exit, string output, string error) = Run("--data", FullRun.DataDirectory, "--out", inside);
        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("inside the data folder");
        Directory.Exists(inside).Should().BeFalse();
    }

    [Theory]
    [InlineData("--frobnicate", "Unknown argument '--frobnicate'")]
    [InlineData("--user", "--user needs a value")]
    public void A_bad_argument_is_refused_with_a_reason(string argument, string reason)
    {
        (int exit, string output, string error) = Run(argument);
        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain(reason);
    }

    [Fact]
    public void A_data_folder_without_the_movielens_files_is_refused_before_anything_runs()
    {
        string empty = Path.Combine(Path.GetTempPath(), "movie-sample-empty-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(empty);
        try
        {
            (int exit, string output, string error) = Run("--data", empty, "--no-plots");
            exit.Should().Be(2);
            output.Should().BeEmpty();
            error.Should().Contain(Path.Combine(empty, "ratings.csv")).And.Contain("does not exist");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void An_unknown_user_is_refused_before_the_models_train()
    {
        (int exit, string output, string error) = Run("--data", FullRun.DataDirectory, "--no-plots", "--user", "no-such-user");
        exit.Should().Be(2);
        error.Should().Contain("--user no-such-user: no such user");
        output.Should().NotContain("The models side by side");
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = SampleApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"(?<original>[1-5]) → (?<learned>-?\d+\.\d+)")]
    private static partial Regex ReconstructedCell();

    [GeneratedRegex(@"Reconstruction RMSE (?<rmse>\d+\.\d+)")]
    private static partial Regex ReconstructionRmse();

    [GeneratedRegex(@"guessed (?<guess>-?\d+\.\d+), true (?<truth>\d)")]
    private static partial Regex HiddenRating();

    /// <summary>The sample run once with pictures into a fresh folder, removed afterwards.</summary>
    public sealed class FullRun : IDisposable
    {
        public static readonly string DataDirectory = Path.Combine(AppContext.BaseDirectory, "data", "ml-latest-small");

        public FullRun()
        {
            OutputDirectory = Path.Combine(Path.GetTempPath(), "movie-sample-" + Guid.NewGuid().ToString("N"));
            (Exit, Output, Error) = Run("--data", DataDirectory, "--out", OutputDirectory);
        }

        public string OutputDirectory { get; }

        public int Exit { get; }

        public string Output { get; }

        public string Error { get; }

        public void Dispose()
        {
            if (Directory.Exists(OutputDirectory))
            {
                Directory.Delete(OutputDirectory, recursive: true);
            }
        }
    }
}
