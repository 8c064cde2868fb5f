using MatrixFactorization.Evaluation;

namespace MatrixFactorization.Tests.Evaluation;

public class EvaluationOptionsTests
{
    [Fact]
    public void Cross_validation_values_out_of_range_fail_where_they_are_set()
    {
        var folds = () => new CrossValidationOptions { Folds = 1 };
        var repeats = () => new CrossValidationOptions { Repeats = 0 };

        folds.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Folds").WithMessage("Folds must be in [2, 2147483647]; got 1.*");
        repeats.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Repeats").WithMessage("Repeats must be in [1, 2147483647]; got 0.*");
    }

    [Fact]
    public void Ranking_values_out_of_range_fail_where_they_are_set()
    {
        var k = () => new RankingOptions { K = 0 };
        var threshold = () => new RankingOptions { RelevanceThreshold = float.NaN };
        var threads = () => new RankingOptions { Threads = -1 };

        k.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("K").WithMessage("K must be in [1, 2147483647]; got 0.*");
        threshold.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("RelevanceThreshold").WithMessage("RelevanceThreshold must be a number*; got NaN.*");
        threads.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Threads").WithMessage("Threads must be in [0, 2147483647]; got -1.*");
    }

    [Fact]
    public void With_expressions_are_checked_too()
    {
        var options = new CrossValidationOptions { Ranking = new RankingOptions() };

        var act = () => options with { Ranking = options.Ranking! with { K = -3 } };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("K");
    }

    [Fact]
    public void The_edges_of_each_range_are_accepted()
    {
        var cv = new CrossValidationOptions { Folds = 2, Repeats = 1, Seed = ulong.MaxValue };
        var ranking = new RankingOptions { K = 1, Threads = 0, RelevanceThreshold = float.PositiveInfinity };

        cv.Should().BeEquivalentTo(new { Folds = 2, Repeats = 1, Seed = ulong.MaxValue });
        ranking.Should().BeEquivalentTo(new { K = 1, Threads = 0, RelevanceThreshold = float.PositiveInfinity });
    }

    [Fact]
    public void Defaults_are_documented_values()
    {
        new CrossValidationOptions().Should().BeEquivalentTo(new { Folds = 5, Repeats = 1, Seed = 0UL, Ranking = (RankingOptions?)null });
        new RankingOptions().Should().BeEquivalentTo(new { K = 10, RelevanceThreshold = 4f, ExcludeRated = true, Threads = 0 });
    }
}
