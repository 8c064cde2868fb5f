using System.Text.Json;

namespace MatrixFactorization.Tests.Cli;

public sealed class RecommendBatchCommandTests(SavedModelFixture fixture) : IClassFixture<SavedModelFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mf-batch-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Users_file_gives_each_user_the_single_user_list_in_csv()
    {
        string users = Path.Combine(_folder, "users.txt");
        File.WriteAllLines(users, ["15", "", "2", "424242"]);
        string outFile = Path.Combine(_folder, "recs.csv");

        (int exit, _, string error) = CliRunner.Run(
            "recommend", "--model", fixture.Path, "--users", users, "--out", outFile, "--count", "5", "--titles", SavedModelFixture.Titles, "--exclude", "318,50");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        string[] rows = File.ReadAllLines(outFile);
        rows[0].Should().Be("user,rank,item,score,title");
        foreach (string user in new[] { "15", "2", "424242" })
        {
            var batch = rows.Skip(1).Select(r => r.Split(',')).Where(f => f[0] == user).ToList();
            batch.Select(f => f[1]).Should().Equal("1", "2", "3", "4", "5");
            batch.Select(f => f[2]).Should().NotContain(["318", "50"]);
            Single(user, 5, "--exclude", "318,50").Select(i => i.Id).Should().Equal(batch.Select(f => f[2]), $"user {user}'s batch list is the single-user one");
        }
    }

    [Fact]
    public void A_header_line_naming_the_column_is_skipped_and_reported()
    {
        string users = Path.Combine(_folder, "users.txt");
        File.WriteAllLines(users, ["userId", "15", "2"]);
        string outFile = Path.Combine(_folder, "recs.csv");

        (int exit, string output, _) = CliRunner.Run("recommend", "--model", fixture.Path, "--users", users, "--out", outFile, "--count", "2", "--json");

        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("users").GetInt32().Should().Be(2);
        json.RootElement.GetProperty("coldStartUsers").GetInt32().Should().Be(0);
        json.RootElement.GetProperty("skippedHeader").GetString().Should().Be("userId");
        File.ReadAllLines(outFile).Skip(1).Select(r => r.Split(',')[0]).Distinct().Should().Equal("15", "2");

        File.WriteAllLines(users, ["7", "15"]);
        (exit, output, _) = CliRunner.Run("recommend", "--model", fixture.Path, "--users", users, "--out", outFile, "--count", "2");
        exit.Should().Be(0);
        output.Should().NotContain("column name").And.Contain("for 2 users");
    }

    [Fact]
    public void All_writes_one_json_line_per_trained_user_equal_to_single_lists()
    {
        string outFile = Path.Combine(_folder, "recs.jsonl");

        (int exit, string output, _) = CliRunner.Run("recommend", "--model", fixture.Path, "--all", "--out", outFile, "--count", "3", "--jsonl", "--json");

        exit.Should().Be(0);
        string[] lines = File.ReadAllLines(outFile);
        int trainedUsers = File.ReadLines(SavedModelFixture.Ratings).Skip(1).Select(l => l.Split(',')[0]).Distinct().Count();
        lines.Should().HaveCount(trainedUsers);
        JsonDocument.Parse(output).RootElement.GetProperty("users").GetInt32().Should().Be(trainedUsers);
        foreach (string line in lines.Take(5).Append(lines[^1]))
        {
            using JsonDocument json = JsonDocument.Parse(line);
            string user = json.RootElement.GetProperty("user").GetString()!;
            json.RootElement.GetProperty("coldStart").GetBoolean().Should().BeFalse();
            var items = json.RootElement.GetProperty("items").EnumerateArray().Select(i => (Id: i.GetProperty("id").GetString()!, Score: i.GetProperty("score").GetDouble())).ToList();
            var single = Single(user, 3);
            items.Select(i => i.Id).Should().Equal(single.Select(i => i.Id));
            items.Select(i => i.Score).Should().Equal(single.Select(i => i.Score));
        }
    }

    [Fact]
    public void Batch_needs_an_out_file_and_one_choice_of_users()
    {
        CliRunner.Run("recommend", "--model", fixture.Path, "--all").Exit.Should().Be(2);
        CliRunner.Run("recommend", "--model", fixture.Path, "--all", "--user", "15", "--out", Path.Combine(_folder, "x.csv")).Exit.Should().Be(2);
        CliRunner.Run("recommend", "--model", fixture.Path).Exit.Should().Be(2);
    }

    private List<(string Id, double Score)> Single(string user, int count, params string[] more)
    {
        (int exit, string output, _) = CliRunner.Run(
            ["recommend", "--model", fixture.Path, "--user", user, "--count", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json", .. more]);
        exit.Should().Be(0);
        using JsonDocument json = JsonDocument.Parse(output);
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("score").GetDouble()))];
    }
}
