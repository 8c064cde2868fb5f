using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

public sealed class ImplicitAlsTrainerTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 60, items: 40, density: 0.3, seed: 5);

    private static ImplicitAlsOptions Small(ImplicitAlsSolver solver = ImplicitAlsSolver.Cholesky) => new()
    {
        FactorCount = 6,
        Regularization = 2f,
        Alpha = 3f,
        InteractionThreshold = 3f,
        Solver = solver,
        Epochs = 3,
        Threads = 1,
    };

    [Theory]
    [InlineData(ConfidenceScaling.Linear)]
    [InlineData(ConfidenceScaling.Logarithmic)]
    public void Each_item_row_solves_its_normal_equations_against_the_final_user_factors(ConfidenceScaling scaling)
    {
        // The iteration ends with the items, each solved exactly against the users it left behind,
        // so every item row must be the solution of the dense system the test builds from the paper.
        ImplicitAlsOptions options = Small() with { Confidence = scaling, Epsilon = 0.5f };
        ImplicitAlsModel model = new ImplicitAlsTrainer(options).Fit(Data);
        for (int i = 0; i < model.Items.Count; i++)
        {
            if (!model.IsKnownItem(i))
            {
                model.ItemFactors.GetRow(i).ToArray().Should().OnlyContain(v => v == 0f, "an item without interactions stays at its optimum, zero");
                continue;
            }

            (double[,] a, double[] b) = ImplicitReference.System(
                model.UserFactors, ImplicitReference.ItemConfidences(Data, i, model.Objective), options.Regularization, model.IsKnownUser);
            double[] expected = ImplicitReference.Solve(a, b);

            // Both build A from the same float factors; the library differs only by rounding: float
            // partial sums of YᵀY (a random walk of 60 roundings, ≈ √60·2⁻²⁴ ≈ 5e-7 relative) and
            // the float result (2⁻²⁴), which these well-conditioned systems (λ = 2) pass on to x
            // at about the same size. A wrong term (λ missing, c where c − 1 belongs) moves x by percents.
            ImplicitReference.RelativeError(model.ItemFactors.GetRow(i), expected).Should().BeLessThan(1e-5, $"item {i}");
        }
    }

    [Fact]
    public void The_reported_loss_is_the_weighted_objective_of_the_returned_model()
    {
        var reports = new List<EpochReport>();
        ImplicitAlsOptions options = Small(ImplicitAlsSolver.ConjugateGradient);
        ImplicitAlsModel model = new ImplicitAlsTrainer(options).Fit(Data, progress: new ListProgress(reports));
        int interactions = Enumerable.Range(0, Data.Count).Count(k => Data.Values[k] >= options.InteractionThreshold);
        double expected = Math.Sqrt(ImplicitReference.Objective(model, Data) / interactions);
        reports.Should().HaveCount(options.Epochs);

        // The library's dot products are float (relative error ≲ k·2⁻²⁴ ≈ 4e-7 each), its sums double.
        reports[^1].TrainingLoss.Should().BeApproximately(expected, expected * 1e-6);
        reports.Select(r => r.TrainingLoss).Should().BeInDescendingOrder("each half-iteration can only lower the objective it solves for");
        reports.Should().OnlyContain(r => r.LearningRate == 0f);
    }

    [Theory]
    [InlineData(ImplicitAlsSolver.ConjugateGradient)]
    [InlineData(ImplicitAlsSolver.Cholesky)]
    public void One_two_and_three_threads_give_identical_factors(ImplicitAlsSolver solver)
    {
        RatingStore data = TestRatings.LowRank(users: 300, items: 120, density: 0.2, seed: 8);
        float[][] Factors(int threads)
        {
            ImplicitAlsModel model = new ImplicitAlsTrainer(Small(solver) with { Threads = threads, FactorCount = 20 }).Fit(data);
            return [model.UserFactors.PaddedStorage.ToArray(), model.ItemFactors.PaddedStorage.ToArray(), model.ColdStartVector.ToArray()];
        }

        float[][] one = Factors(1);
        foreach (int threads in new[] { 2, 3 })
        {
            float[][] other = Factors(threads);
            for (int part = 0; part < one.Length; part++)
            {
                other[part].Should().Equal(one[part], $"{threads} threads, part {part}");
            }
        }
    }

    [Fact]
    public void Planted_groups_rank_the_unseen_items_of_the_users_own_group_first()
    {
        // Three groups of 20 users and 15 items; each user interacted with 9 random items of their
        // own group and nothing else. The 6 group items a user has not seen must top their list.
        const int Groups = 3, UsersPerGroup = 20, ItemsPerGroup = 15, Seen = 9;
        var rng = new Random(4);
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < Groups * UsersPerGroup; u++)
        {
            int group = u / UsersPerGroup;
            foreach (int i in Enumerable.Range(0, ItemsPerGroup).OrderBy(_ => rng.Next()).Take(Seen))
            {
                builder.Add(u, (group * ItemsPerGroup) + i, 1f);
            }
        }

        RatingStore data = builder.Build();
        foreach (ImplicitAlsSolver solver in Enum.GetValues<ImplicitAlsSolver>())
        {
            ImplicitAlsModel model = new ImplicitAlsTrainer(new ImplicitAlsOptions
            {
                FactorCount = 3, Regularization = 0.1f, Alpha = 10f, InteractionThreshold = 0f, Epochs = 10, Solver = solver, Threads = 1,
            }).Fit(data);
            var recommender = new Recommender(model, data);
            for (int u = 0; u < Groups * UsersPerGroup; u++)
            {
                long userGroup = u / UsersPerGroup;
                ScoredItem[] top = recommender.Recommend(u, ItemsPerGroup - Seen);
                top.Select(t => long.Parse(t.Id, System.Globalization.CultureInfo.InvariantCulture) / ItemsPerGroup)
                    .Should().AllSatisfy(g => g.Should().Be(userGroup), $"user {u} with the {solver} solver");
            }
        }
    }

    [Fact]
    public void Ratings_below_the_threshold_are_left_out_and_users_with_none_left_are_unknown()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 10, 5f);
        builder.Add(1, 11, 4f);
        builder.Add(2, 10, 4.5f);
        builder.Add(2, 12, 1f);
        builder.Add(3, 11, 2f);
        RatingStore data = builder.Build();
        ImplicitAlsModel model = new ImplicitAlsTrainer(Small() with { InteractionThreshold = 4f }).Fit(data);
        model.IsKnownUser(Index(data.Users, 1)).Should().BeTrue();
        model.IsKnownUser(Index(data.Users, 3)).Should().BeFalse();
        model.IsKnownItem(Index(data.Items, 12)).Should().BeFalse();
        model.Objective.InteractionThreshold.Should().Be(4f);
    }

    [Theory]
    [InlineData(ImplicitAlsSolver.Cholesky)]
    [InlineData(ImplicitAlsSolver.ConjugateGradient)]
    public void Negative_values_are_negative_feedback_in_the_rows_and_the_loss(ImplicitAlsSolver solver)
    {
        // Ratings shifted down by 2.5 and all kept: about a third become negative feedback.
        var builder = new RatingStoreBuilder();
        for (int k = 0; k < Data.Count; k++)
        {
            builder.Add(Data.Users.GetId(Data.UserIndices[k]), Data.Items.GetId(Data.ItemIndices[k]), Data.Values[k] - 2.5f);
        }

        RatingStore shifted = builder.Build();
        Enumerable.Range(0, shifted.Count).Count(k => shifted.Values[k] < 0).Should().BeGreaterThan(shifted.Count / 5);
        ImplicitAlsOptions options = Small(solver) with { InteractionThreshold = float.NegativeInfinity, CgSteps = 3 * 6 };
        var reports = new List<EpochReport>();
        ImplicitAlsModel model = new ImplicitAlsTrainer(options).Fit(shifted, progress: new ListProgress(reports));
        for (int i = 0; i < model.Items.Count; i++)
        {
            (double[,] a, double[] b) = ImplicitReference.System(
                model.UserFactors, ImplicitReference.ItemConfidences(shifted, i, model.Objective), options.Regularization, model.IsKnownUser);

            // As above; CG is given 3k steps, past the k that exact arithmetic needs.
            ImplicitReference.RelativeError(model.ItemFactors.GetRow(i), ImplicitReference.Solve(a, b)).Should().BeLessThan(1e-4, $"item {i}");
        }

        double expected = Math.Sqrt(ImplicitReference.Objective(model, shifted) / shifted.Count);
        reports[^1].TrainingLoss.Should().BeApproximately(expected, expected * 1e-6);
    }

    [Fact]
    public void A_threshold_no_rating_reaches_is_refused()
    {
        Action fit = () => new ImplicitAlsTrainer(Small() with { InteractionThreshold = 6f }).Fit(Data);
        fit.Should().Throw<ArgumentException>().WithMessage("*InteractionThreshold of 6*");
    }

    [Fact]
    public void Out_of_range_options_are_refused_by_name()
    {
        Action[] bad =
        [
            () => _ = new ImplicitAlsOptions { FactorCount = 0 },
            () => _ = new ImplicitAlsOptions { Regularization = 0f },
            () => _ = new ImplicitAlsOptions { Alpha = -1f },
            () => _ = new ImplicitAlsOptions { Epsilon = 0f },
            () => _ = new ImplicitAlsOptions { InteractionThreshold = float.NaN },
            () => _ = new ImplicitAlsOptions { CgSteps = 0 },
            () => _ = new ImplicitAlsOptions { Solver = (ImplicitAlsSolver)7 },
            () => _ = new ImplicitAlsOptions { Confidence = (ConfidenceScaling)7 },
            () => _ = new ImplicitAlsOptions { Threads = -1 },
        ];
        string[] names = ["FactorCount", "Regularization", "Alpha", "Epsilon", "InteractionThreshold", "CgSteps", "Solver", "Confidence", "Threads"];
        for (int k = 0; k < bad.Length; k++)
        {
            bad[k].Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(names[k]);
        }
    }

    [Fact]
    public void An_objective_out_of_range_is_refused_by_name()
    {
        Action[] bad =
        [
            () => _ = new ImplicitObjective { Regularization = 0f },
            () => _ = new ImplicitObjective { Alpha = float.PositiveInfinity },
            () => _ = new ImplicitObjective { Epsilon = -1f },
            () => _ = new ImplicitObjective { InteractionThreshold = float.NaN },
            () => _ = new ImplicitObjective { Scaling = (ConfidenceScaling)5 },
        ];
        string[] names = ["Regularization", "Alpha", "Epsilon", "InteractionThreshold", "Scaling"];
        for (int k = 0; k < bad.Length; k++)
        {
            bad[k].Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(names[k]);
        }
    }

    [Fact]
    public void A_cancelled_token_stops_training()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        Action fit = () => new ImplicitAlsTrainer(Small()).Fit(Data, cancellationToken: cancellation.Token);
        fit.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void With_a_validation_set_each_iteration_reports_ndcg_and_early_stopping_keeps_the_best()
    {
        (RatingStore train, RatingStore validation) = TestRatings.Split(Data, 0.2, seed: 3);
        var reports = new List<EpochReport>();
        ImplicitAlsModel model = new ImplicitAlsTrainer(Small() with { Epochs = 6, EarlyStoppingPatience = 2 }).Fit(train, validation, new ListProgress(reports));
        reports.Should().NotBeEmpty().And.OnlyContain(r => r.ValidationMetric == MatrixFactorization.Evaluation.Metric.Ndcg && r.ValidationScore >= 0);
        model.Should().NotBeNull();
    }

    private static int Index(IdMap map, long id) => map.TryGetIndex(id, out int index) ? index : throw new KeyNotFoundException(id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private sealed class ListProgress(List<EpochReport> reports) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => reports.Add(value);
    }
}
