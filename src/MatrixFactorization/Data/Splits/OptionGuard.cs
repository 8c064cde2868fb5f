using System.Globalization;

namespace MatrixFactorization.Data.Splits;

/// <summary>Range checks for option records, with messages that name the option and its allowed range.</summary>
internal static class OptionGuard
{
    public static double OpenFraction(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be in (0, 1), exclusive; got {value}."));
        }

        return value;
    }

    public static int AtLeast(int value, int min, string name)
    {
        if (value < min)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{min}, {int.MaxValue}]; got {value}."));
        }

        return value;
    }

    public static long AtLeast(long value, long min, string name)
    {
        if (value < min)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be in [{min}, {long.MaxValue}]; got {value}."));
        }

        return value;
    }

    public static double NonNegative(double value, string name)
    {
        if (!(value >= 0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be a finite number in [0, +inf); got {value}."));
        }

        return value;
    }

    public static double Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be a finite number; got {value}."));
        }

        return value;
    }

    public static TEnum Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be one of {string.Join(", ", Enum.GetNames<TEnum>())}; got {value}.");
        }

        return value;
    }
}
