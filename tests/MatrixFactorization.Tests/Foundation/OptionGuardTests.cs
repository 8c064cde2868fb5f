using MatrixFactorization.Foundation;

namespace MatrixFactorization.Tests.Foundation;

public class OptionGuardTests
{
    [Fact]
    public void Accepted_values_are_returned_unchanged()
    {
        OptionGuard.InRange(10, 1, 10, "A").Should().Be(10);
        OptionGuard.AtLeast(2, 2, "A").Should().Be(2);
        OptionGuard.AtLeast(0L, 0L, "A").Should().Be(0L);
        OptionGuard.Positive(float.Epsilon, "A").Should().Be(float.Epsilon);
        OptionGuard.NonNegative(0f, "A").Should().Be(0f);
        OptionGuard.NonNegative(0.0, "A").Should().Be(0.0);
        OptionGuard.UnitInterval(1f, "A").Should().Be(1f);
        OptionGuard.OpenFraction(0.5, "A").Should().Be(0.5);
        OptionGuard.InRange(4.0, 0, 4, "A").Should().Be(4.0);
        OptionGuard.Finite(-1e300, "A").Should().Be(-1e300);
        OptionGuard.Defined(DayOfWeek.Friday, "A").Should().Be(DayOfWeek.Friday);
    }

    public static TheoryData<Action, string> Rejections => new()
    {
        { () => OptionGuard.InRange(11, 1, 10, "Epochs"), "Epochs must be in [1, 10]; got 11.*" },
        { () => OptionGuard.AtLeast(1, 2, "Folds"), "Folds must be in [2, 2147483647]; got 1.*" },
        { () => OptionGuard.AtLeast(-1L, 0L, "Ratings"), "Ratings must be in [0, 9223372036854775807]; got -1.*" },
        { () => OptionGuard.Positive(0f, "LearningRate"), "LearningRate must be a finite number in (0, +inf); got 0.*" },
        { () => OptionGuard.Positive(float.PositiveInfinity, "LearningRate"), "LearningRate must be a finite number in (0, +inf); got Infinity.*" },
        { () => OptionGuard.NonNegative(-0.5f, "Decay"), "Decay must be a finite number in [0, +inf); got -0.5.*" },
        { () => OptionGuard.NonNegative(double.NaN, "NoiseSd"), "NoiseSd must be a finite number in [0, +inf); got NaN.*" },
        { () => OptionGuard.UnitInterval(0f, "Dropout"), "Dropout must be in (0, 1]; got 0.*" },
        { () => OptionGuard.OpenFraction(1.0, "TestFraction"), "TestFraction must be in (0, 1), exclusive; got 1.*" },
        { () => OptionGuard.InRange(4.5, 0, 4, "Exponent"), "Exponent must be in [0, 4]; got 4.5.*" },
        { () => OptionGuard.Finite(double.NegativeInfinity, "GlobalMean"), "GlobalMean must be a finite number; got -Infinity.*" },
        { () => OptionGuard.Defined((DayOfWeek)9, "Day"), "Day must be one of Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday; got 9.*" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Rejections_name_the_option_its_range_and_the_value(Action check, string message)
    {
        string option = message[..message.IndexOf(' ', StringComparison.Ordinal)];

        check.Should().Throw<ArgumentOutOfRangeException>().WithParameterName(option).WithMessage(message);
    }
}
