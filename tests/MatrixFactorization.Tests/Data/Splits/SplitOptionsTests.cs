using MatrixFactorization.Data.Splits;

namespace MatrixFactorization.Tests.Data.Splits;

public class SplitOptionsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Fractions_outside_the_open_unit_interval_are_rejected(double fraction)
    {
        var holdout = () => new HoldoutOptions { TestFraction = fraction };
        var temporal = () => new TemporalOptions { TestFraction = fraction };
        var perUser = () => new PerUserOptions { TestFraction = fraction };

        holdout.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("TestFraction").WithMessage("*(0, 1)*");
        temporal.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("TestFraction");
        perUser.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("TestFraction");
    }

    [Fact]
    public void Counts_below_their_minimum_are_rejected_naming_the_range()
    {
        var folds = () => new KFoldOptions { Folds = 1 };
        var testCount = () => new PerUserOptions { TestCount = 0 };
        var minRatings = () => new PerUserOptions { MinRatings = 1 };

        folds.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Folds").WithMessage("*[2, 2147483647]*");
        testCount.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("TestCount").WithMessage("*[1, *");
        minRatings.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MinRatings").WithMessage("*[2, *");
    }

    [Fact]
    public void With_expressions_are_validated_too()
    {
        var options = new HoldoutOptions();

        var act = () => options with { TestFraction = 2 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("TestFraction");
    }

    [Fact]
    public void An_undefined_cold_start_policy_is_rejected()
    {
        var act = () => new HoldoutOptions { ColdStart = (ColdStartPolicy)7 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("ColdStart").WithMessage("*Drop, Keep*");
    }

    [Fact]
    public void Defaults_are_documented_values()
    {
        new HoldoutOptions().Should().BeEquivalentTo(new { TestFraction = 0.2, Seed = 0UL, ColdStart = ColdStartPolicy.Drop });
        new KFoldOptions().Folds.Should().Be(5);
        new PerUserOptions().Should().BeEquivalentTo(new { TestCount = 1, TestFraction = (double?)null, MinRatings = 2 });
        new TemporalOptions().Should().BeEquivalentTo(new { TestFraction = 0.2, Cutoff = (long?)null });
    }
}
