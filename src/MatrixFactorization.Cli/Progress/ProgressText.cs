using System.Globalization;

namespace MatrixFactorization.Cli.Progress;

/// <summary>How a bar reads as one line of text: title, detail, percentage, elapsed and time left.</summary>
internal static class ProgressText
{
    public static string Line(ProgressBar bar, bool done)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        if (done)
        {
            return $"{bar.Title}: {bar.Detail} in {ProgressBar.Seconds(bar.Elapsed)}";
        }

        string percent = bar.Fraction is double f ? string.Create(c, $" ({f * 100:F0}%)") : string.Empty;
        string left = bar.Left is TimeSpan l ? $", {ProgressBar.Seconds(l)} left" : string.Empty;
        return $"{bar.Title}: {bar.Detail}{percent}, {ProgressBar.Seconds(bar.Elapsed)} elapsed{left}";
    }

    /// <summary>A byte count in megabytes, as the load bar shows it.</summary>
    public static string Megabytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F1} MB");
}
