using System.Globalization;

namespace MatrixFactorization.Training;

/// <summary>
/// Checks for option values, used by the <c>init</c> accessors of the option records: each returns
/// the value when it is allowed and otherwise throws an <see cref="ArgumentOutOfRangeException"/>
/// that names the option, the value and the allowed range.
/// </summary>
internal static class OptionGuard
{
    public static int InRange(int value, int min, int max, string option) =>
        value >= min && value <= max
            ? value
            : throw new ArgumentOutOfRangeException(option, value, string.Create(CultureInfo.InvariantCulture, $"{option} must be in [{min}, {max}]."));

    public static float Positive(float value, string option) =>
        float.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be a finite number > 0.");

    public static float NonNegative(float value, string option) =>
        float.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be a finite number ≥ 0.");

    /// <summary>A multiplier that may shrink a value but not grow it or zero it: (0, 1].</summary>
    public static float UnitInterval(float value, string option) =>
        float.IsFinite(value) && value > 0 && value <= 1
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be in (0, 1].");

    /// <summary>A probability or moment decay that must stay below 1: [0, 1).</summary>
    public static float HalfOpenUnitInterval(float value, string option) =>
        value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be in [0, 1).");

    public static T Defined<T>(T value, string option)
        where T : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(option, value, $"{option} must be one of {string.Join(", ", Enum.GetNames<T>())}.");

    public static T NotNull<T>(T? value, string option)
        where T : class =>
        value ?? throw new ArgumentNullException(option);
}
