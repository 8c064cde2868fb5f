using System.Globalization;

namespace MatrixFactorization.Data;

/// <summary>A line that could not be read as a rating and was skipped.</summary>
/// <param name="Line">The 1-based line (or record) number.</param>
/// <param name="Column">The 1-based column (field) number, or 0 when the whole line is at fault.</param>
/// <param name="Value">The offending text, if any.</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="Hint">How to fix it, if known.</param>
public sealed record LoadError(long Line, int Column, string? Value, string Problem, string? Hint)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        string where = Column > 0
            ? string.Create(CultureInfo.InvariantCulture, $"line {Line}, column {Column}")
            : string.Create(CultureInfo.InvariantCulture, $"line {Line}");
        return Value is null ? $"{where}: {Problem}" : $"{where}: {Problem} '{Value}'";
    }
}
