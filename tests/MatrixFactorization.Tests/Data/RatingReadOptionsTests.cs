using MatrixFactorization.Data;

namespace MatrixFactorization.Tests.Data;

public class RatingReadOptionsTests
{
    public static TheoryData<Func<RatingReadOptions>, string, string> Invalid => new()
    {
        { () => new RatingReadOptions { Format = RatingFormat.Database }, "Format", "Format must be one of Auto, MovieLens, Ml100k, Dat, Libmf, Delimited; got Database, the format of a query's results*" },
        { () => new RatingReadOptions { Format = (RatingFormat)99 }, "Format", "Format must be one of Auto, MovieLens, Ml100k, Dat, Libmf, Delimited; got 99.*" },
        { () => new RatingReadOptions { Delimiter = "a\nb" }, "Delimiter", "Delimiter must be null or non-empty ASCII text without quotes or line breaks; got \"a\\nb\".*" },
        { () => new RatingReadOptions { Delimiter = string.Empty }, "Delimiter", "Delimiter must be null or non-empty ASCII text*; got \"\".*" },
        { () => new RatingReadOptions { ItemColumn = default(ColumnSelector) }, "ItemColumn", "ItemColumn must be null or a selector made by ColumnSelector.ByIndex or ByName*" },
        { () => new RatingReadOptions { Duplicates = (DuplicatePolicy)9 }, "Duplicates", "Duplicates must be one of Error, KeepLast, KeepFirst, Average; got 9.*" },
        { () => new RatingReadOptions { Scale = new RatingScale(5, 1) }, "Scale", "Scale must be null or have finite bounds with Min <= Max; got [5, 1].*" },
        { () => new RatingReadOptions { MaxErrors = -1 }, "MaxErrors", "MaxErrors must be in [0, 2147483647]; got -1.*" },
        { () => new RatingReadOptions { Ids = (IdKind)5 }, "Ids", "Ids must be one of Integer, String; got 5.*" },
        { () => new RatingReadOptions { Threads = -2 }, "Threads", "Threads must be in [0, 2147483647]; got -2.*" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_value_names_the_option_what_it_allows_and_the_value(Func<RatingReadOptions> make, string option, string message)
    {
        FluentActions.Invoking(make).Should().Throw<ArgumentException>().WithParameterName(option).WithMessage(message);
    }

    [Fact]
    public void Unset_optional_values_stay_null_and_defaults_hold()
    {
        var options = new RatingReadOptions { Ids = null, Scale = null, Delimiter = null, UserColumn = null };

        options.Should().BeEquivalentTo(new { Format = RatingFormat.Auto, Duplicates = DuplicatePolicy.Error, MaxErrors = 100, Threads = 0, Ids = (IdKind?)null, Scale = (RatingScale?)null });
    }
}
