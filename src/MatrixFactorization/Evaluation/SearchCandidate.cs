using System.Globalization;

namespace MatrixFactorization.Evaluation;

/// <summary>One point of a search space: the options to train with and the settings that made them.</summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
/// <param name="Options">The options.</param>
/// <param name="Settings">
/// Each axis name with the value chosen, in axis order. A value keeps the type its axis was given
/// (an <see cref="int"/>, a <see cref="float"/>, the <see cref="double"/> of a log-uniform axis, ...),
/// so a report can write numbers as numbers; null where the axis offered null.
/// </param>
public sealed record SearchCandidate<TOptions>(TOptions Options, IReadOnlyList<KeyValuePair<string, object?>> Settings)
{
    /// <summary>The settings as "name=value" pairs separated by spaces, values in invariant culture.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Join(' ', Settings.Select(s => $"{s.Key}={Format(s.Value)}"));

    // Invariant, so a value reads "0.1" whatever the culture, never "0,1".
    private static string Format(object? value) => value switch
    {
        null => "null",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
