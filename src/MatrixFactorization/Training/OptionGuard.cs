using System.Globalization;

namespace MatrixFactorization.Training;

/// <summary>Validation helpers that name the option and its allowed range.</summary>
internal static class OptionGuard
{
    public static void InRange(int value, int min, int max, string option)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(option, value, string.Create(CultureInfo.InvariantCulture, $"{option} must be in [{min}, {max}]."));
        }
    }

    public static void Positive(float value, string option)
    {
        if (!float.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} must be a finite number > 0.");
        }
    }

    public static void NonNegative(float value, string option)
    {
        if (!float.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} must be a finite number ≥ 0.");
        }
    }

    public static void UnitInterval(float value, string option)
    {
        if (!float.IsFinite(value) || value <= 0 || value > 1)
        {
            throw new ArgumentOutOfRangeException(option, value, $"{option} must be in (0, 1].");
        }
    }
}
