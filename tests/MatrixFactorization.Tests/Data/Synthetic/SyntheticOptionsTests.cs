using MatrixFactorization.Data.Synthetic;

namespace MatrixFactorization.Tests.Data.Synthetic;

public class SyntheticOptionsTests
{
    [Fact]
    public void Out_of_range_values_are_rejected_naming_the_option_and_range()
    {
        Action[] bad =
        [
            () => _ = new SyntheticOptions { Users = 0 },
            () => _ = new SyntheticOptions { Items = -1 },
            () => _ = new SyntheticOptions { Ratings = -1 },
            () => _ = new SyntheticOptions { Rank = -1 },
            () => _ = new SyntheticOptions { NoiseSd = -0.1 },
            () => _ = new SyntheticOptions { FactorSd = double.NaN },
            () => _ = new SyntheticOptions { GlobalMean = double.PositiveInfinity },
            () => _ = new SyntheticOptions { ItemPopularityExponent = 4.5 },
        ];
        string[] names = ["Users", "Items", "Ratings", "Rank", "NoiseSd", "FactorSd", "GlobalMean", "ItemPopularityExponent"];

        for (int k = 0; k < bad.Length; k++)
        {
            bad[k].Should().Throw<ArgumentOutOfRangeException>().WithParameterName(names[k]).WithMessage($"{names[k]} must be *");
        }

        var exponent = () => SyntheticOptions.Small with { UserPopularityExponent = -1 };
        exponent.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*[0, 4]*");
    }

    [Fact]
    public void More_ratings_than_pairs_is_rejected_by_the_generator()
    {
        var act = () => new SyntheticRatingGenerator(new SyntheticOptions { Users = 10, Items = 10, Ratings = 101 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Ratings").WithMessage("*[0, Users × Items = 100]*");
    }

    [Fact]
    public void The_thread_count_must_be_positive_or_minus_one()
    {
        var act = () => new SyntheticRatingGenerator(SyntheticOptions.Small, maxDegreeOfParallelism: 0);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxDegreeOfParallelism");
    }

    [Fact]
    public void The_small_preset_is_the_documented_fixture()
    {
        SyntheticOptions.Small.Should().BeEquivalentTo(new { Users = 2_000, Items = 500, Ratings = 100_000L, Rank = 8, RoundToHalfStars = false });
    }
}
