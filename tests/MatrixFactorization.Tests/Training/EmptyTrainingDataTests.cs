using MatrixFactorization.Data;
using MatrixFactorization.Models;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Training;

/// <summary>Every trainer refuses a training set with nothing to learn from, with a typed error that says so.</summary>
public sealed class EmptyTrainingDataTests
{
    public static TheoryData<string> Trainers => ["baseline", "mf", "biased", "neural", "popularity", "ease", "als", "bpr"];

    [Theory]
    [MemberData(nameof(Trainers))]
    public void An_empty_training_store_is_a_typed_error_that_says_what_was_empty_and_what_to_do(string trainer)
    {
        RatingStore empty = new RatingStoreBuilder().Build();

        EmptyDataException error = FluentActions.Invoking(() => Fit(trainer, empty, validation: null))
            .Should().Throw<EmptyDataException>().Which;

        error.ParamName.Should().Be("train");
        error.Message.Should().Contain("training set has no ratings").And.Contain("at least one rating");
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void An_empty_validation_store_is_refused_rather_than_scored_as_zero(string trainer)
    {
        RatingStore data = TestRatings.LowRank(users: 30, items: 20, seed: 4);
        RatingStore empty = new RatingStoreBuilder().Build();

        EmptyDataException error = FluentActions.Invoking(() => Fit(trainer, data, empty))
            .Should().Throw<EmptyDataException>().Which;

        error.ParamName.Should().Be("validation");
        error.Message.Should().Contain("validation set has no ratings").And.Contain("Pass null");
    }

    [Theory]
    [InlineData("als")]
    [InlineData("bpr")]
    public void Ratings_of_which_none_is_an_interaction_name_the_threshold_to_lower(string trainer)
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 1, 1f);
        builder.Add(2, 1, 2f);
        RatingStore low = builder.Build();

        EmptyDataException error = FluentActions.Invoking(() => Fit(trainer, low, validation: null))
            .Should().Throw<EmptyDataException>().Which;

        error.Message.Should().Contain("no interactions").And.Contain("none of its 2 ratings").And.Contain("--min-rating");
    }

    private static IScoringModel Fit(string trainer, RatingStore train, RatingStore? validation) => trainer switch
    {
        "baseline" => new BaselineTrainer(new BaselineOptions { Epochs = 2 }).Fit(train, validation),
        "mf" => new MatrixFactorizationTrainer(new MatrixFactorizationOptions { FactorCount = 4, Epochs = 2, Threads = 1 }).Fit(train, validation),
        "biased" => new BiasedMatrixFactorizationTrainer(new BiasedMatrixFactorizationOptions { FactorCount = 4, Epochs = 2, Threads = 1 }).Fit(train, validation),
        "neural" => new NeuralTrainer(new NeuralOptions { UserEmbeddingLength = 4, ItemEmbeddingLength = 4, Epochs = 2, Threads = 1 }).Fit(train, validation),
        "popularity" => new PopularityTrainer().Fit(train, validation),
        "ease" => new EaseTrainer(new EaseOptions { Threads = 1 }).Fit(train, validation),
        "als" => new ImplicitAlsTrainer(new ImplicitAlsOptions { FactorCount = 4, Epochs = 2, Threads = 1 }).Fit(train, validation),
        "bpr" => new BprTrainer(new BprOptions { FactorCount = 4, Epochs = 2, Threads = 1 }).Fit(train, validation),
        _ => throw new ArgumentOutOfRangeException(nameof(trainer), trainer, "Not a trainer."),
    };
}
