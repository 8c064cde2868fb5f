using System.Globalization;
using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Recommendation;

/// <summary>
/// Every fold-in refuses a NaN or infinite rating with an error naming the item (or user) and the
/// value, instead of solving a NaN vector that scores and ranks nothing.
/// </summary>
public sealed class NonFiniteFoldInTests
{
    private static readonly RatingStore Train = RecommendationFixture.Train;

    private static readonly Lazy<ImplicitAlsModel> Als = new(() =>
        new ImplicitAlsTrainer(new ImplicitAlsOptions { FactorCount = 4, Epochs = 2, Threads = 1 }).Fit(Train));

    private static readonly Lazy<EaseModel> Ease = new(() => new EaseTrainer(new EaseOptions { Lambda = 5, Threads = 1 }).Fit(Train));

    public static TheoryData<float> BadValues => [float.NaN, float.PositiveInfinity, float.NegativeInfinity];

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Factor_model_fold_in_by_id_names_the_item_and_the_value(float bad)
    {
        var solver = new FoldInSolver(RecommendationFixture.Biased);
        ItemRating[] ratings = [new(ItemId(0), 4f), new(ItemId(3), bad), new(ItemId(5), 2f)];

        ArgumentOutOfRangeException error = FluentActions.Invoking(() => solver.FoldInUser(ratings))
            .Should().Throw<ArgumentOutOfRangeException>().Which;

        Names(error, $"item '{ItemId(3)}'", bad);
        error.ParamName.Should().Be("ratings");
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_rating_of_an_item_the_model_does_not_know_is_refused_too(float bad)
    {
        var solver = new FoldInSolver(RecommendationFixture.Plain);
        FluentActions.Invoking(() => solver.FoldInUser([new ItemRating("no such item", bad)]))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*'no such item'*");
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Factor_model_fold_in_by_index_names_the_item_and_the_value(float bad)
    {
        var solver = new FoldInSolver(RecommendationFixture.Plain);
        ArgumentOutOfRangeException error = FluentActions.Invoking(() => solver.FoldInUserByIndex([2, 7], [3f, bad]))
            .Should().Throw<ArgumentOutOfRangeException>().Which;

        Names(error, $"item '{ItemId(7)}'", bad);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Refitting_a_stored_user_with_a_bad_new_rating_names_it(float bad)
    {
        var solver = new FoldInSolver(RecommendationFixture.Biased);
        string user = Train.Users.GetId(0);
        FluentActions.Invoking(() => solver.FoldInUser(Train, user, [new ItemRating(ItemId(1), bad)]))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*item '{ItemId(1)}'*");
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Item_fold_in_names_the_user_and_the_value(float bad)
    {
        var solver = new FoldInSolver(RecommendationFixture.Biased);
        string user = Train.Users.GetId(2);
        ArgumentOutOfRangeException error = FluentActions.Invoking(() => solver.FoldInItem([new UserRating(Train.Users.GetId(1), 4f), new UserRating(user, bad)]))
            .Should().Throw<ArgumentOutOfRangeException>().Which;

        Names(error, $"user '{user}'", bad);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Implicit_fold_in_names_the_item_and_the_value_by_id_and_by_index(float bad)
    {
        var foldIn = new ImplicitFoldIn(Als.Value);

        // A value below the interaction threshold is no interaction, but a bad one is still refused.
        Names(
            FluentActions.Invoking(() => foldIn.FoldInUser([new ItemRating(ItemId(4), bad)])).Should().Throw<ArgumentOutOfRangeException>().Which,
            $"item '{ItemId(4)}'",
            bad);
        Names(
            FluentActions.Invoking(() => foldIn.FoldInUserByIndex([4, 6], [5f, bad])).Should().Throw<ArgumentOutOfRangeException>().Which,
            $"item '{ItemId(6)}'",
            bad);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Ease_lists_for_a_new_user_name_the_item_and_the_value(float bad)
    {
        EaseModel model = Ease.Value;
        ItemRating[] ratings = [new(ItemId(0), 5f), new(ItemId(8), bad)];
        var scores = new float[model.Items.Count];

        Names(
            FluentActions.Invoking(() => model.ScoreNewUser(ratings, scores)).Should().Throw<ArgumentOutOfRangeException>().Which,
            $"item '{ItemId(8)}'",
            bad);
        FluentActions.Invoking(() => new Recommender(model, Train).RecommendNewUser(ratings, 5))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage($"*item '{ItemId(8)}'*");
    }

    private static string ItemId(int index) => Train.Items.GetId(index);

    private static void Names(ArgumentOutOfRangeException error, string what, float bad)
    {
        error.Message.Should().Contain(what).And.Contain($" is {bad.ToString(CultureInfo.InvariantCulture)};").And.Contain("finite");
        error.ActualValue.Should().Be(bad);
    }
}
