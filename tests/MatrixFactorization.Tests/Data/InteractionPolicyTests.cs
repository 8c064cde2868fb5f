using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public sealed class InteractionPolicyTests
{
    private static RatingStore Ratings()
    {
        var builder = new RatingStoreBuilder();
        builder.Add(1, 10, 5f);
        builder.Add(1, 11, 2f);
        builder.Add(2, 10, 4f);
        builder.Add(2, 12, 3.5f);
        builder.Add(3, 11, 1f);
        return builder.Build();
    }

    [Fact]
    public void Every_rating_becomes_an_interaction_of_weight_one()
    {
        RatingStore ratings = Ratings();
        InteractionSet set = InteractionPolicy.EveryRating.Apply(ratings);
        set.RatingsLeftOut.Should().Be(0);
        set.Store.Count.Should().Be(5);
        set.Store.Values.ToArray().Should().OnlyContain(v => v == 1f);
        set.Store.Users.Should().BeSameAs(ratings.Users);
        set.Store.ItemIndices.ToArray().Should().Equal(ratings.ItemIndices.ToArray());
    }

    [Fact]
    public void A_threshold_keeps_the_ratings_at_or_above_it_and_counts_the_rest()
    {
        RatingStore ratings = Ratings();
        InteractionSet set = InteractionPolicy.RatingsAtLeast(4).Apply(ratings);
        set.RatingsLeftOut.Should().Be(3);
        set.Store.Count.Should().Be(2);
        set.Store.Items.Should().BeSameAs(ratings.Items);
        var kept = Enumerable.Range(0, set.Store.Count)
            .Select(k => (set.Store.Users.GetId(set.Store.UserIndices[k]), set.Store.Items.GetId(set.Store.ItemIndices[k])))
            .ToArray();
        kept.Should().BeEquivalentTo([("1", "10"), ("2", "10")]);
        set.Store.Values.ToArray().Should().Equal(1f, 1f);
        set.Policy.ToString().Should().Be("ratings ≥ 4");
    }

    [Fact]
    public void Ratings_as_weights_keep_their_values()
    {
        RatingStore ratings = Ratings();
        InteractionSet set = InteractionPolicy.RatingAsWeight.Apply(ratings);
        set.Store.Values.ToArray().Should().Equal(ratings.Values.ToArray());
        FluentActions.Invoking(() => InteractionPolicy.RatingsAtLeast(float.NaN)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
