using System.Globalization;

namespace MatrixFactorization.Foundation;

/// <summary>
/// Range checks for the values of option records. Each throws
/// <see cref="ArgumentOutOfRangeException"/> whose message names the option, its allowed range and
/// the value it got, and otherwise returns the value, so an <c>init</c> accessor can check and
/// store in one line: <c>init => _folds = OptionGuard.AtLeast(value, 2, nameof(Folds));</c>.
/// </summary>
internal static class OptionGuard
{
    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static int InRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw OutOfRange(name, value, string.Create(CultureInfo.InvariantCulture, $"in [{min}, {max}]"));
        }

        return value;
    }

    /// <summary>A value of at least <paramref name="min"/>.</summary>
    public static int AtLeast(int value, int min, string name)
    {
        if (value < min)
        {
            throw OutOfRange(name, value, string.Create(CultureInfo.InvariantCulture, $"in [{min}, {int.MaxValue}]"));
        }

        return value;
    }

    /// <summary>A value of at least <paramref name="min"/>.</summary>
    public static long AtLeast(long value, long min, string name)
    {
        if (value < min)
        {
            throw OutOfRange(name, value, string.Create(CultureInfo.InvariantCulture, $"in [{min}, {long.MaxValue}]"));
        }

        return value;
    }

    /// <summary>A finite value above zero.</summary>
    public static float Positive(float value, string name)
    {
        if (!(float.IsFinite(value) && value > 0))
        {
            throw OutOfRange(name, value, "a finite number in (0, +inf)");
        }

        return value;
    }

    /// <summary>A finite value of zero or more.</summary>
    public static float NonNegative(float value, string name)
    {
        if (!(float.IsFinite(value) && value >= 0))
        {
            throw OutOfRange(name, value, "a finite number in [0, +inf)");
        }

        return value;
    }

    /// <summary>A finite value of zero or more.</summary>
    public static double NonNegative(double value, string name)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            throw OutOfRange(name, value, "a finite number in [0, +inf)");
        }

        return value;
    }

    /// <summary>A value in (0, 1]: a rate or a share that may be whole but not empty.</summary>
    public static float UnitInterval(float value, string name)
    {
        if (!(value > 0 && value <= 1))
        {
            throw OutOfRange(name, value, "in (0, 1]");
        }

        return value;
    }

    /// <summary>A value in (0, 1), both ends excluded: a fraction that leaves something on each side.</summary>
    public static double OpenFraction(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw OutOfRange(name, value, "in (0, 1), exclusive");
        }

        return value;
    }

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double InRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw OutOfRange(name, value, string.Create(CultureInfo.InvariantCulture, $"in [{min}, {max}]"));
        }

        return value;
    }

    /// <summary>Any value but NaN: a threshold may be infinite, when nothing or everything passes it.</summary>
    public static float NotNaN(float value, string name)
    {
        if (float.IsNaN(value))
        {
            throw OutOfRange(name, value, "a number in [-inf, +inf]");
        }

        return value;
    }

    /// <summary>A probability or moment decay that must stay below 1: [0, 1).</summary>
    public static float HalfOpenUnitInterval(float value, string name)
    {
        if (!(value >= 0 && value < 1))
        {
            throw OutOfRange(name, value, "in [0, 1)");
        }

        return value;
    }

    /// <summary>A reference that must be given.</summary>
    public static T NotNull<T>(T? value, string name)
        where T : class =>
        value ?? throw new ArgumentNullException(name);

    /// <summary>Any finite value.</summary>
    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw OutOfRange(name, value, "a finite number");
        }

        return value;
    }

    /// <summary>A named member of <typeparamref name="TEnum"/>.</summary>
    public static TEnum Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; got {value}.");
        }

        return value;
    }

    /// <summary>The exception for a value that breaks <paramref name="requirement"/> ("in [1, 10]", "a finite number").</summary>
    private static ArgumentOutOfRangeException OutOfRange<T>(string name, T value, string requirement)
        where T : IFormattable =>
        new(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be {requirement}; got {value}."));
}
