namespace MatrixFactorization.Tests.Cli;

/// <summary>Wrong command lines get one plain message in the user's terms, and help lists what is accepted.</summary>
public sealed class CommandLineMessageTests
{
    private const string AnyFile = "ratings.csv";

    [Fact]
    public void An_unknown_format_lists_the_accepted_ones_without_type_names()
    {
        (int exit, _, string error) = CliRunner.Run("data", "inspect", AnyFile, "--format", "foo");

        exit.Should().Be(2);
        error.Should().Contain("invalid value 'foo' for --format; accepted: auto, movielens, ml100k, dat, libmf, delimited.")
            .And.NotContain("System.").And.NotContain("RatingFormat");
    }

    [Fact]
    public void The_database_format_is_refused_at_parse_time()
    {
        (int exit, _, string error) = CliRunner.Run("data", "inspect", AnyFile, "--format", "database");

        exit.Should().Be(2);
        error.Should().Contain("invalid value 'database' for --format");
    }

    [Fact]
    public void Enum_values_are_accepted_in_any_case()
    {
        string ratings = CliRunner.DataFile("ml-latest-small-2016", "notebook-split", "val.csv");

        (int exit, string output, string error) = CliRunner.Run("data", "inspect", ratings, "--format", "MovieLens", "--duplicates", "KEEPLAST", "--json", "--quiet");

        error.Should().BeEmpty();
        exit.Should().Be(0);
        output.Should().Contain("\"format\": \"movielens\"");
    }

    [Fact]
    public void An_optional_enum_option_says_what_it_accepts_not_its_nullable_type()
    {
        (int exit, _, string error) = CliRunner.Run("train", "--train", AnyFile, "--optimizer", "adam");

        exit.Should().Be(2);
        error.Should().Contain("invalid value 'adam' for --optimizer; accepted: sgd, adagrad.").And.NotContain("Nullable");
    }

    [Fact]
    public void A_number_option_says_a_number_is_expected_not_its_nullable_type()
    {
        (int exit, _, string error) = CliRunner.Run("train", "--train", AnyFile, "--factors", "many");

        exit.Should().Be(2);
        error.Should().Contain("invalid value 'many' for --factors; expected a whole number.").And.NotContain("System.");
    }

    [Fact]
    public void Cross_validation_refuses_the_neural_model_when_parsing_and_help_leaves_it_out()
    {
        (int exit, _, string error) = CliRunner.Run("cv", "--train", AnyFile, "--model", "neural");
        exit.Should().Be(2);
        error.Should().Contain("invalid value 'neural' for --model; accepted: baseline, mf, biased, popularity, ease, als, bpr, alswr, svdpp.");

        string help = CliRunner.Run("cv", "--help").Output;
        ModelLine(help).Should().Contain("<baseline|mf|biased|popularity|ease|als|bpr|alswr|svdpp>").And.NotContain("neural");
        ModelLine(CliRunner.Run("train", "--help").Output).Should().Contain("<baseline|mf|biased|neural|popularity|ease|als|bpr|alswr|svdpp>");
    }

    [Theory]
    [InlineData("data", "inspect")]
    [InlineData("data", "split")]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("cv")]
    public void Help_lists_only_the_formats_a_command_reads(params string[] command)
    {
        (int exit, string output, _) = CliRunner.Run([.. command, "--help"]);

        exit.Should().Be(0);
        output.Should().Contain("--format <auto|movielens|ml100k|dat|libmf|delimited>").And.NotContainEquivalentOf("database");
    }

    [Fact]
    public void A_bare_mf_prints_help_and_exits_as_a_usage_error()
    {
        (int exit, string output, _) = CliRunner.Run();

        exit.Should().Be(2);
        output.Should().Contain("Usage:").And.Contain("train").And.Contain("recommend");
    }

    [Theory]
    [InlineData("train", "trian")]
    [InlineData("inspect", "data", "inspekt")]
    [InlineData("--train", "train", "--trian", "ratings.csv")]
    [InlineData("--factors", "train", "--train", "ratings.csv", "--factor", "8")]
    public void A_mistyped_command_or_option_gets_a_suggestion(string suggestion, params string[] args)
    {
        (int exit, _, string error) = CliRunner.Run(args);

        exit.Should().Be(2);
        error.Should().Contain($"Did you mean '{suggestion}'?");
    }

    [Fact]
    public void A_word_like_nothing_known_gets_no_suggestion()
    {
        (int exit, _, string error) = CliRunner.Run("train", "--train", AnyFile, "--zzzzzzzz");

        exit.Should().Be(2);
        error.Should().Contain("'--zzzzzzzz'").And.NotContain("Did you mean");
    }

    [Fact]
    public void Usage_errors_point_at_the_help_of_the_command_in_use()
    {
        CliRunner.Run("data", "split", AnyFile, "--bogus").Error.Should().Contain("Run 'mf data split --help' for usage.");
    }

    private static string ModelLine(string help) => help.Split('\n').Single(line => line.TrimStart().StartsWith("--model ", StringComparison.Ordinal));
}
