using System.Globalization;

namespace MatrixFactorization.Recommendation;

/// <summary>
/// The check every fold-in makes of the ratings it is given: a NaN or infinite rating would turn
/// the solved vector, and so every score, into NaN, which ranks nothing; it is rejected instead.
/// </summary>
internal static class FiniteRatings
{
    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    /// <param name="value">The rating.</param>
    /// <param name="side">"item" or "user": what <paramref name="id"/> names.</param>
    /// <param name="id">The raw id of the rated item (or of the rating user).</param>
    /// <param name="paramName">The argument that holds the rating.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public static void Check(float value, string side, string id, string paramName)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                string.Create(CultureInfo.InvariantCulture, $"The rating for {side} '{id}' is {value}; a rating must be a finite number. Correct it or leave it out."));
        }
    }
}
