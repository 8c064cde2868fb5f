using System.Globalization;

namespace MatrixFactorization.Data;

/// <summary>The range of rating values, and the step between them when the data has one.</summary>
/// <param name="Min">The smallest allowed (or observed) rating.</param>
/// <param name="Max">The largest allowed (or observed) rating.</param>
/// <param name="Step">The spacing of the values (0.5 for half stars), or null when they have none.</param>
public readonly record struct RatingScale(float Min, float Max, float? Step = null)
{
    /// <summary>Half stars from 0.5 to 5, as in MovieLens since 2003.</summary>
    public static RatingScale HalfStars { get; } = new(0.5f, 5f, 0.5f);

    /// <summary>Whole stars from 1 to 5, as in ml-100k and ml-1m.</summary>
    public static RatingScale FiveStars { get; } = new(1f, 5f, 1f);

    /// <summary>Whether <paramref name="value"/> lies within [Min, Max].</summary>
    /// <param name="value">A rating.</param>
    /// <returns><see langword="true"/> when it is in range.</returns>
    public bool Contains(float value) => value >= Min && value <= Max;

    /// <summary>Clamps a value into [Min, Max].</summary>
    /// <param name="value">A prediction.</param>
    /// <returns>The clamped value.</returns>
    public float Clip(float value) => Math.Clamp(value, Min, Max);

    /// <inheritdoc/>
    public override string ToString() => Step is float step
        ? string.Create(CultureInfo.InvariantCulture, $"[{Min}, {Max}] step {step}")
        : string.Create(CultureInfo.InvariantCulture, $"[{Min}, {Max}]");
}
