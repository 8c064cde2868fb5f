namespace MatrixFactorization.Evaluation;

/// <summary>One point of a search space: the options to train with and the settings that made them.</summary>
/// <typeparam name="TOptions">The trainer's options type.</typeparam>
/// <param name="Options">The options.</param>
/// <param name="Settings">Each axis name with the value chosen, in axis order, as invariant text.</param>
public sealed record SearchCandidate<TOptions>(TOptions Options, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    /// <summary>The settings as "name=value" pairs separated by spaces.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => string.Join(' ', Settings.Select(s => $"{s.Key}={s.Value}"));
}
