using MatrixFactorization.Cli;
using MatrixFactorization.Tests.Data;

namespace MatrixFactorization.Tests.Cli;

/// <summary>A missing, unreadable or damaged input is bad data: exit 3 and one line naming the file.</summary>
public sealed class InputFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("recommend", "--model")]
    [InlineData("similar", "--model")]
    [InlineData("evaluate", "--model")]
    public void A_folder_given_as_the_model_is_bad_data(string command, string option)
    {
        string test = _folder.Write("test.txt", "1 10 4\n");
        string[] rest = command switch
        {
            "recommend" => ["--user", "1"],
            "similar" => ["--item", "10"],
            _ => ["--test", test],
        };

        (int exit, _, string error) = CliRunner.Run([command, option, _folder.Path, .. rest]);

        exit.Should().Be(3);
        OutputSafetyTests.OneLine(error).Should().Contain(option).And.Contain(_folder.Path).And.Contain("folder");
    }

    [Theory]
    [InlineData("train")]
    [InlineData("cv")]
    [InlineData("search")]
    public void A_folder_given_as_the_training_file_is_bad_data(string command)
    {
        (int exit, _, string error) = CliRunner.Run(command, "--train", _folder.Path);

        exit.Should().Be(3);
        OutputSafetyTests.OneLine(error).Should().Contain("--train").And.Contain(_folder.Path);
    }

    [Fact]
    public void A_missing_titles_file_is_bad_data_named_by_its_option()
    {
        string model = _folder.File("model.bin");
        CliRunner.Run("train", "--train", _folder.Write("r.txt", "1 10 4\n2 11 3\n"), "--model", "baseline", "--save", model).Exit.Should().Be(0);
        string titles = _folder.File("no-such-movies.csv");

        (int exit, _, string error) = CliRunner.Run("recommend", "--model", model, "--user", "1", "--titles", titles);

        exit.Should().Be(3);
        OutputSafetyTests.OneLine(error).Should().Contain("--titles").And.Contain(titles).And.Contain("does not exist");
    }

    [Fact]
    public void A_truncated_model_is_bad_data_naming_the_file()
    {
        string model = _folder.File("model.bin");
        CliRunner.Run("train", "--train", _folder.Write("r.txt", "1 10 4\n2 11 3\n"), "--model", "baseline", "--save", model).Exit.Should().Be(0);
        byte[] bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);

        (int exit, _, string error) = CliRunner.Run("recommend", "--model", model, "--user", "1");

        exit.Should().Be(3);
        OutputSafetyTests.OneLine(error).Should().Contain("model.bin");
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException), 1)]
    [InlineData(typeof(IOException), 1)]
    [InlineData(typeof(UnauthorizedAccessException), 1)]
    [InlineData(typeof(NullReferenceException), 1)]
    public void Unexpected_failures_keep_their_message_without_the_exception_type(Type type, int code)
    {
        var exception = (Exception)Activator.CreateInstance(type, "the disk went away")!;

        (int exit, string message) = CliApplication.Classify(exception);

        exit.Should().Be(code);
        message.Should().Contain("the disk went away").And.NotContain(type.Name).And.NotContain("Exception");
    }
}
