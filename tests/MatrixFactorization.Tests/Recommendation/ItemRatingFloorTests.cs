using MatrixFactorization.Data;
using MatrixFactorization.Recommendation;

namespace MatrixFactorization.Tests.Recommendation;

public sealed class ItemRatingFloorTests
{
    private static RatingStore Train => RecommendationFixture.Train;

    [Fact]
    public void Items_with_fewer_ratings_than_the_floor_never_appear()
    {
        int[] counts = Train.Statistics.ItemCounts.ToArray();
        int floor = counts.OrderDescending().ElementAt(20);
        var recommender = new Recommender(RecommendationFixture.Biased, Train, floor);
        recommender.MinimumItemRatings.Should().Be(floor);
        recommender.KnownItemCount.Should().Be(counts.Count(c => c >= floor));
        for (int u = 0; u < 30; u++)
        {
            ScoredItem[] top = recommender.RecommendByIndex(u, 10);
            top.Should().NotBeEmpty();
            top.Should().OnlyContain(t => counts[t.Index] >= floor);
        }
    }

    [Fact]
    public void Without_a_floor_the_lists_are_those_of_a_plain_recommender_and_a_floor_needs_ratings()
    {
        var plain = new Recommender(RecommendationFixture.Biased, Train);
        var zero = new Recommender(RecommendationFixture.Biased, Train, 0);
        zero.RecommendByIndex(3, 10).Should().Equal(plain.RecommendByIndex(3, 10));
        FluentActions.Invoking(() => new Recommender(RecommendationFixture.Biased, (MatrixFactorization.Data.RatingStore?)null, 5))
            .Should().Throw<ArgumentException>().WithMessage("*needs the ratings*");
    }
}
