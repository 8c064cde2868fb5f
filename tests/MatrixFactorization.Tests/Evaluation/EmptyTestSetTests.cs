using MatrixFactorization.Data;
using MatrixFactorization.Evaluation;
using MatrixFactorization.Models;
using MatrixFactorization.Recommendation;
using MatrixFactorization.Tests.Models;
using MatrixFactorization.Training;

namespace MatrixFactorization.Tests.Evaluation;

/// <summary>An evaluation with nothing to score is an error, not a perfect score of 0.</summary>
public sealed class EmptyTestSetTests
{
    private static readonly RatingStore Data = TestRatings.LowRank(users: 30, items: 20, seed: 5);

    private static readonly Lazy<BaselineModel> Model = new(() => new BaselineTrainer().Fit(Data));

    [Fact]
    public void Rating_metrics_on_an_empty_test_set_say_it_was_empty()
    {
        EmptyDataException error = FluentActions.Invoking(() => RatingMetrics.Evaluate(Model.Value, new RatingStoreBuilder().Build()))
            .Should().Throw<EmptyDataException>().Which;

        error.ParamName.Should().Be("test");
        error.Message.Should().Contain("test set has no ratings").And.Contain("at least one held-out rating");
    }

    [Fact]
    public void Ranking_metrics_on_an_empty_test_set_say_it_was_empty()
    {
        EmptyDataException error = FluentActions.Invoking(() => RankingMetrics.Evaluate(new Recommender(Model.Value, Data), new RatingStoreBuilder().Build()))
            .Should().Throw<EmptyDataException>().Which;

        error.ParamName.Should().Be("test");
        error.Message.Should().Contain("test set has no ratings");
    }

    [Fact]
    public void Ranking_metrics_with_no_relevant_test_rating_name_the_threshold()
    {
        var test = new RatingStoreBuilder();
        test.Add(Data.Users.GetInt64Id(0), Data.Items.GetInt64Id(0), 2f);
        test.Add(Data.Users.GetInt64Id(1), Data.Items.GetInt64Id(1), 3.5f);

        EmptyDataException error = FluentActions.Invoking(() => RankingMetrics.Evaluate(
                new Recommender(Model.Value, Data), test.Build(), new RankingOptions { RelevanceThreshold = 4f }))
            .Should().Throw<EmptyDataException>().Which;

        error.Message.Should().Contain("relevance threshold 4").And.Contain("2 ratings").And.Contain("RelevanceThreshold");
    }

    [Fact]
    public void A_cross_validation_fold_left_without_test_ratings_names_the_fold()
    {
        // One rating per user: a user whose rating is held out is absent from the fold's training
        // part, so every held-out rating is dropped and no fold has a test rating left.
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < 12; u++)
        {
            builder.Add(u, u % 3, 3f + (u % 2));
        }

        var fits = 0;
        EmptyDataException error = FluentActions.Invoking(() => CrossValidation.Run(builder.Build(), train =>
            {
                fits++;
                return new BaselineTrainer().Fit(train);
            }, new CrossValidationOptions { Folds = 3 }))
            .Should().Throw<EmptyDataException>().Which;

        error.Message.Should().StartWith("Fold 1 of 3 (repetition 1) has no test ratings").And.Contain("fewer folds");
        fits.Should().Be(0, "the empty fold is found before a model is trained for it");
    }

    [Fact]
    public void A_cross_validation_fold_without_relevant_test_users_names_the_fold_and_the_threshold()
    {
        // Every rating below the relevance threshold: the folds have test ratings but no relevant one.
        var builder = new RatingStoreBuilder();
        for (int u = 0; u < 20; u++)
        {
            for (int i = 0; i < 10; i++)
            {
                builder.Add(u, i, 1f + ((u + i) % 3));
            }
        }

        EmptyDataException error = FluentActions.Invoking(() => CrossValidation.Run(
                builder.Build(),
                train => new BaselineTrainer().Fit(train),
                new CrossValidationOptions { Folds = 2, Ranking = new RankingOptions { RelevanceThreshold = 4f } }))
            .Should().Throw<EmptyDataException>().Which;

        error.Message.Should().StartWith("Fold 1 of 2 (repetition 1) has no test user").And.Contain("threshold 4");
        error.InnerException.Should().BeOfType<EmptyDataException>();
    }
}
