using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Tests.Training;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Recommendation;

public sealed class ImplicitFoldInTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 50, items: 35, density: 0.35, seed: 12);

    private static readonly ImplicitAlsOptions Options = new()
    {
        FactorCount = 6,
        Regularization = 1.5f,
        Alpha = 2f,
        InteractionThreshold = 3f,
        Solver = ImplicitAlsSolver.Cholesky,
        Epochs = 3,
        Threads = 1,
    };

    private static readonly ImplicitAlsModel Model = new ImplicitAlsTrainer(Options).Fit(Data);

    [Fact]
    public void Recalculating_a_training_user_gives_the_vector_training_solved_for_them()
    {
        // Training ends on the items, each solved exactly against the final users. Train on the
        // transposed data, so those exactly solved rows are the users, and fold every user in
        // against the model's other side: the equations are the same, so the vectors must be.
        RatingStore transposed = Transpose(Data);
        ImplicitAlsModel swapped = new ImplicitAlsTrainer(Options).Fit(transposed);
        TrainingDomain domain = swapped.Domain;
        var asUsers = new ImplicitAlsModel(
            new TrainingDomain(domain.Items, domain.Users, domain.Scale, domain.GlobalMean, domain.KnownItems, domain.KnownUsers),
            swapped.ItemFactors,
            swapped.UserFactors,
            swapped.Objective);
        var foldIn = new ImplicitFoldIn(asUsers);
        int checkedUsers = 0;
        for (int u = 0; u < Data.UserCount; u++)
        {
            string id = Data.Users.GetId(u);
            asUsers.Users.TryGetIndex(id, out int index).Should().BeTrue();
            if (!asUsers.IsKnownUser(index))
            {
                continue;
            }

            FoldedInUser user = foldIn.FoldInUser(Data, id, []);
            double[] trained = [.. asUsers.UserFactors.GetRow(index).ToArray().Select(v => (double)v)];

            // Float partial sums of the shared YᵀY in training against the fold-in's double sums,
            // and the float vectors: rounding of ≈ √50·2⁻²⁴ relative on well-conditioned systems.
            ImplicitReference.RelativeError(user.Vector, trained).Should().BeLessThan(1e-5, $"user {id}");
            checkedUsers++;
        }

        checkedUsers.Should().BeGreaterThan(40);
    }

    [Fact]
    public void A_new_user_is_the_dense_solution_of_the_implicit_normal_equations()
    {
        // Raw ids: two real items, one below the threshold (not an interaction), one unknown item.
        string[] ids = [Data.Items.GetId(3), Data.Items.GetId(8), Data.Items.GetId(20)];
        FoldedInUser user = new ImplicitFoldIn(Model).FoldInUser(
            [new ItemRating(ids[0], 5f), new ItemRating(ids[1], 3.5f), new ItemRating(ids[2], 1f), new ItemRating("no such item", 5f)]);

        user.IgnoredRatings.Should().Be(1);
        user.RatedItems.ToArray().Should().Equal(3, 8);
        var confidences = new Dictionary<int, double>
        {
            [3] = ImplicitReference.Confidence(5, Model.Objective),
            [8] = ImplicitReference.Confidence(3.5, Model.Objective),
        };
        (double[,] a, double[] b) = ImplicitReference.System(Model.ItemFactors, confidences, Options.Regularization, Model.IsKnownItem);
        ImplicitReference.RelativeError(user.Vector, ImplicitReference.Solve(a, b)).Should().BeLessThan(1e-6, "double precision throughout, then rounded to float");
    }

    [Fact]
    public void An_explanation_splits_the_score_into_confidence_weighted_similarities_that_add_up()
    {
        int[] items = [1, 4, 9, 15, 22];
        float[] values = [5f, 4f, 3f, 4.5f, 5f];
        FoldedInUser user = new ImplicitFoldIn(Model).FoldInUserByIndex(items, values);
        var confidences = items.Select((item, j) => (item, j)).ToDictionary(t => t.item, t => ImplicitReference.Confidence(values[t.j], Model.Objective));
        (double[,] a, _) = ImplicitReference.System(Model.ItemFactors, confidences, Options.Regularization, Model.IsKnownItem);
        foreach (int target in new[] { 0, 2, 9, 30 })
        {
            Explanation explanation = user.ExplainByIndex(target);
            explanation.Baseline.Should().Be(0);
            explanation.Contributions.Should().HaveCount(items.Length);
            double[] weighted = ImplicitReference.Solve(a, [.. Model.ItemFactors.GetRow(target).ToArray().Select(v => (double)v)]);
            foreach (ItemContribution contribution in explanation.Contributions)
            {
                // Hu, Koren and Volinsky (2008, §5): c_j · y_iᵀ W y_j.
                double expected = confidences[contribution.Index] * ImplicitReference.Dot(Model.ItemFactors.GetRow(contribution.Index), [.. weighted.Select(v => (float)v)]);
                contribution.Contribution.Should().BeApproximately(expected, 1e-5, $"item {contribution.Index} for {target}");
            }

            double sum = explanation.Contributions.Sum(c => c.Contribution);
            double score = ImplicitReference.Dot(user.Vector, Model.ItemFactors.GetRow(target));
            sum.Should().BeApproximately(score, 1e-5, "the terms add up to the score");
            explanation.Score.Should().BeApproximately(score, 1e-6);
        }
    }

    [Fact]
    public void A_value_that_is_not_a_number_is_refused_with_the_item()
    {
        Action foldIn = () => new ImplicitFoldIn(Model).FoldInUser([new ItemRating(Data.Items.GetId(4), float.NaN)]);
        foldIn.Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*'{Data.Items.GetId(4)}'*finite*");
    }

    [Fact]
    public void A_user_without_a_usable_interaction_is_the_cold_start_user()
    {
        FoldedInUser user = new ImplicitFoldIn(Model).FoldInUser([new ItemRating(Data.Items.GetId(0), 1f), new ItemRating("unknown", 5f)]);
        user.IsColdStart.Should().BeTrue();
        user.Vector.ToArray().Should().Equal(Model.ColdStartVector.ToArray());
    }

    [Fact]
    public void A_loaded_model_folds_users_in_identically_and_recommends_for_them()
    {
        using var stream = new MemoryStream();
        ModelSerializer.Save(Model, stream);
        stream.Position = 0;
        var loaded = (ImplicitAlsModel)ModelSerializer.Load(stream);
        loaded.Objective.Should().Be(Model.Objective);
        ItemRating[] interactions = [new(Data.Items.GetId(2), 4f), new(Data.Items.GetId(7), 5f)];
        FoldedInUser before = new ImplicitFoldIn(Model).FoldInUser(interactions);
        FoldedInUser after = new ImplicitFoldIn(loaded).FoldInUser(interactions);
        after.Vector.ToArray().Should().Equal(before.Vector.ToArray());

        ScoredItem[] top = new Recommender(loaded).Recommend(after, 5);
        top.Should().HaveCount(5);
        top.Select(t => t.Index).Should().NotContain([2, 7]);
    }

    private static RatingStore Transpose(RatingStore store)
    {
        var builder = new RatingStoreBuilder();
        for (int k = 0; k < store.Count; k++)
        {
            builder.Add(store.Items.GetId(store.ItemIndices[k]), store.Users.GetId(store.UserIndices[k]), store.Values[k]);
        }

        return builder.Build();
    }
}
