using System.Globalization;

namespace MatrixFactorization.Cli.Progress;

/// <summary>A count of things done on a bar, such as ratings written: so many of so many.</summary>
internal sealed class CountProgress(ProgressBar bar, string unit) : IProgress<long>
{
    public void Report(long value) => bar.Update(
        value,
        bar.Total is double total
            ? string.Create(CultureInfo.InvariantCulture, $"{value:N0} of {total:N0} {unit}")
            : string.Create(CultureInfo.InvariantCulture, $"{value:N0} {unit}"));
}
