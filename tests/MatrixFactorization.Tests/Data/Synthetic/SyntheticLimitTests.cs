using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Tests.Data.Synthetic;

/// <summary>Limits on the size of a synthetic set guard against sizes given by mistake; each can be raised.</summary>
public sealed class SyntheticLimitTests
{
    [Fact]
    public void The_default_limits_are_ten_million_users_and_items_and_a_hundred_million_ratings()
    {
        var defaults = new SyntheticOptions();
        defaults.MaxUsers.Should().Be(10_000_000);
        defaults.MaxItems.Should().Be(10_000_000);
        defaults.MaxRatings.Should().Be(100_000_000L);
    }

    [Fact]
    public void Ten_trillion_ratings_are_refused_before_anything_is_drawn_naming_the_limit_to_raise()
    {
        // Users × Items allows them, so only the limit stands in the way.
        var options = new SyntheticOptions { Users = 5_000_000, Items = 5_000_000, Ratings = 10_000_000_000_000 };

        FluentActions.Invoking(() => new SyntheticRatingGenerator(options))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Ratings")
            .WithMessage("Ratings is 10,000,000,000,000, above the limit MaxRatings = 100,000,000*raise MaxRatings to at least 10,000,000,000,000*");
    }

    [Theory]
    [InlineData("Users")]
    [InlineData("Items")]
    public void Users_or_items_past_their_limit_are_refused(string what)
    {
        SyntheticOptions options = what == "Users"
            ? new SyntheticOptions { Users = 20_000_001, Items = 10, Ratings = 10 }
            : new SyntheticOptions { Users = 10, Items = 20_000_001, Ratings = 10 };

        FluentActions.Invoking(() => new SyntheticRatingGenerator(options))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName(what)
            .WithMessage($"{what} is 20,000,001, above the limit Max{what} = 10,000,000*");
    }

    [Fact]
    public void A_raised_limit_lets_the_size_through_and_a_lowered_one_stops_a_small_set()
    {
        var small = new SyntheticOptions { Users = 50, Items = 40, Ratings = 600, Rank = 2 };
        new SyntheticRatingGenerator(small with { MaxRatings = 600, MaxUsers = 50, MaxItems = 40 }).Generate().Store.Count.Should().Be(600);
        FluentActions.Invoking(() => new SyntheticRatingGenerator(small with { MaxRatings = 599 }))
            .Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Ratings");
    }

    [Fact]
    public void A_limit_below_its_minimum_is_rejected_when_set()
    {
        FluentActions.Invoking(() => new SyntheticOptions { MaxUsers = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxUsers");
        FluentActions.Invoking(() => new SyntheticOptions { MaxItems = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxItems");
        FluentActions.Invoking(() => new SyntheticOptions { MaxRatings = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxRatings");
    }
}
