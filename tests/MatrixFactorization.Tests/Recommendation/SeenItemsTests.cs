using MatrixFactorization.Data;
using MatrixFactorization.Persistence;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Tests.Recommendation;

/// <summary>Seen items stored with a model exclude what the training ratings would.</summary>
public sealed class SeenItemsTests
{
    [Fact]
    public void Seen_items_read_back_from_a_file_exclude_exactly_the_training_items_and_count_them_for_the_floor()
    {
        var model = RecommendationFixture.Biased;
        RatingStore train = RecommendationFixture.Train;
        using var stream = new MemoryStream();
        ModelSerializer.Save(model, stream, new ModelFileContents { SeenItems = SeenItems.FromRatings(train, model.Users, model.Items) });
        stream.Position = 0;
        SeenItems seen = ModelSerializer.Open(stream).SeenItems!;

        var fromRatings = new Recommender(model, train, minimumItemRatings: 3);
        var fromSeen = new Recommender(model, seen, minimumItemRatings: 3);
        fromSeen.KnowsRatedItems.Should().BeTrue();
        fromSeen.KnownItemCount.Should().Be(fromRatings.KnownItemCount);
        int[] users = [0, 3, 7, 11];
        foreach (int user in users)
        {
            HashSet<int> rated = RecommendationFixture.RatedBy(train, user);
            rated.Should().NotBeEmpty();
            ScoredItem[] list = fromSeen.RecommendByIndex(user, 20);
            list.Select(i => i.Index).Should().NotIntersectWith(rated);
            list.Should().Equal(fromRatings.RecommendByIndex(user, 20));
            new Recommender(model, seen).RecommendByIndex(user, 20).Select(i => i.Index)
                .Should().Equal(RecommendationFixture.BruteForceTop(model, user, 20, rated));
        }
    }

    [Fact]
    public void Seen_items_for_another_model_are_refused()
    {
        var other = new IdMap(IdKind.Integer);
        other.GetOrAdd(1);
        SeenItems seen = SeenItems.FromRatings(RecommendationFixture.Train, other, RecommendationFixture.Biased.Items);
        FluentActions.Invoking(() => new Recommender(RecommendationFixture.Biased, seen)).Should().Throw<ArgumentException>().WithMessage("*1 users*");
    }
}
