using System.Text.Json;
using MatrixFactorization.Persistence;

namespace MatrixFactorization.Tests.Cli;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Training_from_a_snapshot_gives_the_model_training_from_the_text_gives()
    {
        string text = CliRunner.DataFile("ml-latest-small", "ratings.csv");
        string snapshot = Path.Combine(_folder, "ratings.mfr");
        (int exit, string output, string error) = CliRunner.Run("data", "convert", text, "--out", snapshot, "--json");
        error.Should().BeEmpty();
        exit.Should().Be(0);
        using (JsonDocument json = JsonDocument.Parse(output))
        {
            json.RootElement.GetProperty("ratings").GetInt32().Should().Be(100_836);
            json.RootElement.GetProperty("bytes").GetInt64().Should().Be(new FileInfo(snapshot).Length);
        }

        string fromText = Path.Combine(_folder, "text.mf");
        string fromSnapshot = Path.Combine(_folder, "snapshot.mf");
        string[] training = ["--model", "biased", "--factors", "8", "--epochs", "3", "--threads", "1", "--seed", "5", "--quiet"];
        CliRunner.Run(["train", "--train", text, "--save", fromText, .. training]).Exit.Should().Be(0);
        CliRunner.Run(["train", "--train", snapshot, "--save", fromSnapshot, .. training]).Exit.Should().Be(0);

        // The files differ in their save times; the model and the seen items must not differ at all.
        Section(fromSnapshot, "MODL").Should().Equal(Section(fromText, "MODL"));
        Section(fromSnapshot, "SEEN").Should().Equal(Section(fromText, "SEEN"));
    }

    [Fact]
    public void Inspect_reads_a_snapshot_whatever_its_name()
    {
        string snapshot = Path.Combine(_folder, "ratings.csv.bin");
        CliRunner.Run("data", "convert", CliRunner.DataFile("ml-latest-small", "ratings.csv"), "--out", snapshot, "--quiet").Exit.Should().Be(0);
        (int exit, string output, _) = CliRunner.Run("data", "inspect", snapshot, "--json");
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("format").GetString().Should().Be("snapshot");
        json.RootElement.GetProperty("ratings").GetInt32().Should().Be(100_836);
        json.RootElement.GetProperty("timestamps").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Convert_refuses_to_write_over_its_input()
    {
        string input = Path.Combine(_folder, "r.csv");
        File.Copy(CliRunner.DataFile("ml-latest-small", "ratings.csv"), input);
        byte[] before = File.ReadAllBytes(input);
        (int exit, _, string error) = CliRunner.Run("data", "convert", input, "--out", input);
        exit.Should().Be(2);
        error.Should().Contain("--out and <file> name the same file");
        File.ReadAllBytes(input).Should().Equal(before);
    }

    [Fact]
    public void A_damaged_snapshot_is_a_data_error_naming_the_file()
    {
        string snapshot = Path.Combine(_folder, "bad.mfr");
        CliRunner.Run("data", "convert", CliRunner.DataFile("ml-latest-small", "ratings.csv"), "--out", snapshot, "--quiet").Exit.Should().Be(0);
        byte[] bytes = File.ReadAllBytes(snapshot);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(snapshot, bytes);
        (int exit, _, string error) = CliRunner.Run("data", "inspect", snapshot);
        exit.Should().Be(3);
        error.Should().Contain("bad.mfr").And.Contain("damaged");
    }

    private static byte[] Section(string path, string id)
    {
        ModelFileSection section = ModelSerializer.Open(path).Sections.Single(s => s.Id == id);
        return File.ReadAllBytes(path).AsSpan((int)section.Offset, (int)section.Length).ToArray();
    }
}
