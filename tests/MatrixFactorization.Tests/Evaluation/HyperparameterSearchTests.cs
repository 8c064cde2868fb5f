using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Evaluation;

public sealed class HyperparameterSearchTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 60, items: 40, density: 0.4, seed: 3);
    private static readonly BiasedMatrixFactorizationOptions Base = new() { FactorCount = 4, Epochs = 10, Threads = 1 };

    [Fact]
    public void A_grid_is_the_cartesian_product_with_the_last_axis_fastest()
    {
        IReadOnlyList<SearchCandidate<BiasedMatrixFactorizationOptions>> grid = new SearchSpace<BiasedMatrixFactorizationOptions>(Base)
            .Add("factors", [2, 8], (o, v) => o with { FactorCount = v })
            .Add("reg", [0.01f, 0.1f, 1f], (o, v) => o with { FactorRegularization = v })
            .Grid();

        grid.Select(c => (c.Options.FactorCount, c.Options.FactorRegularization)).Should().Equal(
            (2, 0.01f), (2, 0.1f), (2, 1f), (8, 0.01f), (8, 0.1f), (8, 1f));
        grid[4].ToString().Should().Be("factors=8 reg=0.1");
        grid[4].Settings.Select(s => s.Value).Should().Equal(8, 0.1f);
        grid.Should().OnlyContain(c => c.Options.Epochs == 10);
    }

    [Fact]
    public void Random_candidates_are_reproducible_by_seed_and_stay_in_range()
    {
        SearchSpace<BiasedMatrixFactorizationOptions> space = new SearchSpace<BiasedMatrixFactorizationOptions>(Base)
            .Add("factors", [2, 4, 8], (o, v) => o with { FactorCount = v })
            .AddLogUniform("lr", 0.001, 0.1, (o, v) => o with { LearningRate = (float)v });

        var a = space.Random(20, seed: 5).Select(c => c.ToString()).ToList();
        var b = space.Random(20, seed: 5).Select(c => c.ToString()).ToList();
        var c = space.Random(20, seed: 6).Select(c => c.ToString()).ToList();
        a.Should().Equal(b);
        a.Should().NotEqual(c);
        space.Random(200, seed: 1).Should().OnlyContain(x => x.Options.LearningRate >= 0.001f && x.Options.LearningRate <= 0.1f && new[] { 2, 4, 8 }.Contains(x.Options.FactorCount));
        FluentActions.Invoking(space.Grid).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Search_ranks_candidates_by_their_cross_validated_objective_reproducibly()
    {
        IReadOnlyList<SearchCandidate<BiasedMatrixFactorizationOptions>> grid = new SearchSpace<BiasedMatrixFactorizationOptions>(Base)
            .Add("epochs", [1, 40], (o, v) => o with { Epochs = v })
            .Add("reg", [0.05f, 5f], (o, v) => o with { FactorRegularization = v, BiasRegularization = v })
            .Grid();
        var cv = new CrossValidationOptions { Folds = 3, Seed = 11 };
        SearchResult<BiasedMatrixFactorizationOptions> first = HyperparameterSearch.Run(
            Data, grid, (o, train) => new BiasedMatrixFactorizationTrainer(o).Fit(train), Metric.Rmse, cv);
        SearchResult<BiasedMatrixFactorizationOptions> again = HyperparameterSearch.Run(
            Data, grid, (o, train) => new BiasedMatrixFactorizationTrainer(o).Fit(train), Metric.Rmse, cv);

        first.Trials.Should().HaveCount(4);
        first.Trials.Select(t => t.Objective).Should().BeInAscendingOrder();
        first.Trials.Select(t => t.Objective).Should().Equal(again.Trials.Select(t => t.Objective));

        // The trained, lightly regularized model beats one epoch or a crushing penalty.
        first.BestOptions.Epochs.Should().Be(40);
        first.BestOptions.FactorRegularization.Should().Be(0.05f);

        // Each objective is that candidate's own cross-validated RMSE.
        foreach (SearchTrial<BiasedMatrixFactorizationOptions> trial in first.Trials)
        {
            double rmse = CrossValidation.Run(Data, train => new BiasedMatrixFactorizationTrainer(trial.Candidate.Options).Fit(train), cv).Get(Metric.Rmse).Mean;
            trial.Objective.Should().Be(rmse);
        }
    }

    [Fact]
    public void Ranking_objectives_need_ranking_options()
    {
        var grid = new SearchSpace<BaselineOptions>(new BaselineOptions()).Add("epochs", [1], (o, v) => o with { Epochs = v }).Grid();
        FluentActions.Invoking(() => HyperparameterSearch.Run(Data, grid, (o, t) => new BaselineTrainer(o).Fit(t), Metric.Ndcg))
            .Should().Throw<ArgumentException>();
    }
}
