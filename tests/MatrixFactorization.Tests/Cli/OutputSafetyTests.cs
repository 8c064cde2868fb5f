using System.Diagnostics;
using MatrixFactorization.Tests.Data;

namespace MatrixFactorization.Tests.Cli;

/// <summary>No command may write over its inputs or over its other outputs, and outputs are checked before any work.</summary>
public sealed class OutputSafetyTests : IDisposable
{
    private const string Ratings = "1 10 4\n1 11 3\n2 10 5\n2 12 2\n3 11 4\n3 12 5\n4 10 1\n4 13 3\n5 11 2\n5 13 4\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Train_refuses_to_save_the_model_over_its_training_file()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);

        (int exit, string output, string error) = CliRunner.Run("train", "--train", ratings, "--model", "baseline", "--save", ratings);

        exit.Should().Be(2);
        output.Should().BeEmpty("nothing is trained when an output is refused");
        OneLine(error).Should().Contain("--save").And.Contain("--train").And.Contain(Path.GetFullPath(ratings));
        File.ReadAllText(ratings).Should().Be(Ratings);
    }

    [Fact]
    public void Train_refuses_to_save_over_its_test_file_spelled_another_way()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string test = _folder.Write("test.txt", Ratings);
        Directory.CreateDirectory(_folder.File("sub"));
        string roundabout = Path.Combine(_folder.Path, "sub", "..", ".", "test.txt");

        (int exit, _, string error) = CliRunner.Run("train", "--train", ratings, "--test", test, "--model", "baseline", "--save", roundabout);

        exit.Should().Be(2);
        OneLine(error).Should().Contain("--save").And.Contain("--test").And.Contain(Path.GetFullPath(test));
        File.ReadAllText(test).Should().Be(Ratings);
    }

    [Fact]
    public void Split_refuses_the_same_file_for_train_and_test()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string both = _folder.File("both.txt");

        (int exit, string output, string error) = CliRunner.Run("data", "split", ratings, "--out-train", both, "--out-test", both);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        OneLine(error).Should().Contain("--out-train").And.Contain("--out-test").And.Contain(both);
        File.Exists(both).Should().BeFalse();
    }

    [Theory]
    [InlineData("--out-train")]
    [InlineData("--out-test")]
    public void Split_refuses_to_write_over_its_input(string option)
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string other = _folder.File("other.txt");
        string[] outputs = option == "--out-train" ? ["--out-train", ratings, "--out-test", other] : ["--out-train", other, "--out-test", ratings];

        (int exit, _, string error) = CliRunner.Run(["data", "split", ratings, .. outputs]);

        exit.Should().Be(2);
        OneLine(error).Should().Contain(option).And.Contain("<file>").And.Contain(ratings);
        File.ReadAllText(ratings).Should().Be(Ratings);
        File.Exists(other).Should().BeFalse("the check comes before either file is written");
    }

    [Fact]
    public void A_symbolic_link_to_the_input_is_the_input()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string link = _folder.File("link.txt");
        File.CreateSymbolicLink(link, ratings);

        (int exit, _, string error) = CliRunner.Run("train", "--train", ratings, "--model", "baseline", "--save", link);

        exit.Should().Be(2);
        OneLine(error).Should().Contain("--save").And.Contain("--train").And.Contain("through a link");
        File.ReadAllText(ratings).Should().Be(Ratings);
    }

    [Fact]
    public void A_linked_folder_does_not_hide_the_input()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string linkedFolder = _folder.File("again");
        Directory.CreateSymbolicLink(linkedFolder, _folder.Path);

        (int exit, _, string error) = CliRunner.Run("data", "split", Path.Combine(linkedFolder, "ratings.txt"), "--out-train", ratings, "--out-test", _folder.File("test.txt"));

        exit.Should().Be(2);
        OneLine(error).Should().Contain("--out-train").And.Contain("<file>");
        File.ReadAllText(ratings).Should().Be(Ratings);
    }

    [Fact]
    public void A_hard_link_to_the_input_is_replaced_by_the_output_and_the_input_keeps_its_content()
    {
        // Hard links are not detected; they need not be, as outputs are renamed into place.
        string ratings = _folder.Write("ratings.txt", Ratings);
        string hardLink = _folder.File("hard.txt");
        HardLink(ratings, hardLink);
        File.ReadAllText(hardLink).Should().Be(Ratings);

        (int exit, _, string error) = CliRunner.Run("train", "--quiet", "--train", ratings, "--model", "baseline", "--save", hardLink);

        error.Should().BeEmpty();
        exit.Should().Be(0);
        File.ReadAllText(ratings).Should().Be(Ratings);
        MatrixFactorization.Persistence.ModelSerializer.Load(hardLink).Should().NotBeNull();
    }

    [Fact]
    public void Synth_refuses_an_output_whose_folder_is_missing()
    {
        string prefix = Path.Combine(_folder.Path, "missing", "synth");

        (int exit, string output, string error) = CliRunner.Run("data", "synth", "--users", "10", "--items", "10", "--ratings", "20", "--out", prefix);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        OneLine(error).Should().Contain("--out").And.Contain(Path.Combine(_folder.Path, "missing")).And.Contain("does not exist");
    }

    [Fact]
    public void Train_refuses_a_save_path_in_a_missing_folder_before_training()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string save = Path.Combine(_folder.Path, "missing", "model.bin");

        (int exit, string output, string error) = CliRunner.Run("train", "--train", ratings, "--model", "baseline", "--save", save);

        exit.Should().Be(2);
        output.Should().BeEmpty("the folder is checked before training, not after");
        OneLine(error).Should().Contain("--save").And.Contain(Path.Combine(_folder.Path, "missing")).And.Contain("does not exist");
    }

    [Fact]
    public void Train_refuses_a_save_path_that_is_a_folder()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string folder = _folder.File("models");
        Directory.CreateDirectory(folder);

        (int exit, string output, string error) = CliRunner.Run("train", "--train", ratings, "--model", "baseline", "--save", folder);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        OneLine(error).Should().Contain("--save").And.Contain(folder).And.Contain("folder");
        Directory.Exists(folder).Should().BeTrue();
    }

    [Fact]
    public void Split_checks_both_outputs_before_writing_either()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string train = _folder.File("train.txt");

        (int exit, _, string error) = CliRunner.Run("data", "split", ratings, "--out-train", train, "--out-test", Path.Combine(_folder.Path, "missing", "test.txt"));

        exit.Should().Be(2);
        OneLine(error).Should().Contain("--out-test");
        File.Exists(train).Should().BeFalse();
    }

    [Fact]
    public void The_write_check_leaves_nothing_behind()
    {
        string ratings = _folder.Write("ratings.txt", Ratings);
        string train = _folder.File("train.txt");
        string test = _folder.File("test.txt");

        CliRunner.Run("data", "split", ratings, "--out-train", train, "--out-test", test).Exit.Should().Be(0);

        Directory.GetFiles(_folder.Path).Order(StringComparer.Ordinal).Should().Equal(new[] { ratings, test, train }.Order(StringComparer.Ordinal));
    }

    internal static string OneLine(string error)
    {
        error.Should().StartWith("mf: ").And.NotContain("Exception");
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle("a failure is one line");
        return lines[0];
    }

    private static void HardLink(string existing, string link)
    {
        ProcessStartInfo start = OperatingSystem.IsWindows()
            ? new("cmd", ["/c", "mklink", "/H", link, existing])
            : new("ln", [existing, link]);
        start.RedirectStandardOutput = true;
        using Process process = Process.Start(start)!;
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
    }
}
