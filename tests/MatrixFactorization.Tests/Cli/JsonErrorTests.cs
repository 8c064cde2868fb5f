using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

public sealed class JsonErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-jsonerr-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_bad_line_gives_exit_3_with_file_line_and_column_on_standard_output()
    {
        string file = Path.Combine(_folder, "bad.csv");
        File.WriteAllLines(file, ["1,10,4", "2,20,3", "3,abc,5"]);

        (int exit, string output, string error) = CliRunner.Run("data", "inspect", file, "--json", "--quiet");

        exit.Should().Be(3);
        error.Should().BeEmpty();
        JsonElement e = JsonDocument.Parse(output).RootElement.GetProperty("error");
        e.GetProperty("exitCode").GetInt32().Should().Be(3);
        e.GetProperty("file").GetString().Should().Be("bad.csv");
        e.GetProperty("line").GetInt64().Should().Be(3);
        e.GetProperty("column").GetInt32().Should().Be(2);
        e.GetProperty("message").GetString().Should().Contain("--string-ids");
    }

    [Fact]
    public void A_duplicate_gives_its_line_without_a_column()
    {
        string file = Path.Combine(_folder, "dup.csv");
        File.WriteAllLines(file, ["1,10,4", "1,10,3"]);

        (int exit, string output, _) = CliRunner.Run("data", "inspect", file, "--json", "--quiet");

        exit.Should().Be(3);
        JsonElement e = JsonDocument.Parse(output).RootElement.GetProperty("error");
        e.GetProperty("line").GetInt64().Should().Be(2);
        e.TryGetProperty("column", out _).Should().BeFalse();
    }

    [Fact]
    public void A_parse_error_gives_exit_2_without_a_location()
    {
        (int exit, string output, string error) = CliRunner.Run("data", "inspect", "x.csv", "--jsn", "--json");

        exit.Should().Be(2);
        error.Should().BeEmpty();
        JsonElement e = JsonDocument.Parse(output).RootElement.GetProperty("error");
        e.GetProperty("exitCode").GetInt32().Should().Be(2);
        e.GetProperty("message").GetString().Should().Contain("--jsn");
        e.TryGetProperty("file", out _).Should().BeFalse();
        e.TryGetProperty("line", out _).Should().BeFalse();
    }

    [Fact]
    public void A_usage_error_of_a_command_gives_exit_2()
    {
        (int exit, string output, _) = CliRunner.Run("recommend", "--model", "m.model", "--json");

        exit.Should().Be(2);
        JsonDocument.Parse(output).RootElement.GetProperty("error").GetProperty("exitCode").GetInt32().Should().Be(2);
    }

    [Fact]
    public void Without_json_the_error_stays_one_line_on_standard_error()
    {
        string file = Path.Combine(_folder, "bad.csv");
        File.WriteAllLines(file, ["1,10,4", "3,abc,5"]);

        (int exit, string output, string error) = CliRunner.Run("data", "inspect", file, "--quiet");

        exit.Should().Be(3);
        output.Should().BeEmpty();
        error.TrimEnd().Should().StartWith("mf: bad.csv:2:2:").And.NotContain("\n").And.NotContain("IdKind");
    }

    [Fact]
    public void String_ids_load_a_file_of_text_ids()
    {
        string file = Path.Combine(_folder, "sku.csv");
        File.WriteAllLines(file, ["1,10,4", "2,SKU-7,3", "2,10,5"]);

        CliRunner.Run("data", "inspect", file).Exit.Should().Be(3);
        (int exit, string output, _) = CliRunner.Run("data", "inspect", file, "--string-ids", "--json");

        exit.Should().Be(0);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        root.GetProperty("ratings").GetInt32().Should().Be(3);
        root.GetProperty("items").GetInt32().Should().Be(2);
    }
}
