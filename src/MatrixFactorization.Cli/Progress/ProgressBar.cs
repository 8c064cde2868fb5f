using System.Diagnostics;
using System.Globalization;

namespace MatrixFactorization.Cli.Progress;

/// <summary>
/// One piece of work in progress: how far it is (<see cref="Value"/> of <see cref="Total"/>, when
/// the total is known), a line of detail, and the time it has taken and is expected to take.
/// Updated from one thread at a time; the display decides how often to show it.
/// </summary>
internal abstract class ProgressBar
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private bool _closed;
    private (TimeSpan Time, double Value)? _first;

    protected ProgressBar(string title, double? total)
    {
        Title = title;
        Total = total;
    }

    public string Title { get; }

    /// <summary>The amount of work, when known; grows if the work turns out larger.</summary>
    public double? Total { get; private set; }

    public double Value { get; private set; }

    public string Detail { get; private set; } = string.Empty;

    /// <summary>Whether the work ended by <see cref="Complete"/>, its detail a summary.</summary>
    public bool Completed { get; private set; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    /// <summary>The time left at the pace since the first update; null until there is a pace (setup
    /// before the first update, such as a trainer's, would skew it) or without a total.</summary>
    public TimeSpan? Left => Total is double total && _first is (TimeSpan firstTime, double firstValue) && Value > firstValue && Value < total
        ? TimeSpan.FromSeconds((Elapsed - firstTime).TotalSeconds * (total - Value) / (Value - firstValue))
        : null;

    /// <summary>The fraction done, when the total is known.</summary>
    public double? Fraction => Total is double total && total > 0 ? Math.Clamp(Value / total, 0, 1) : null;

    /// <summary>Moves the bar to <paramref name="value"/> with a new detail.</summary>
    public void Update(double value, string detail)
    {
        if (_closed)
        {
            return;
        }

        _first ??= (Elapsed, value);
        Value = value;
        Detail = detail;
        if (Total is double total && value > total)
        {
            Total = value;
        }

        Show(final: false);
    }

    /// <summary>Ends the work: the bar is full and shows <paramref name="summary"/>.</summary>
    public void Complete(string summary)
    {
        if (_closed)
        {
            return;
        }

        Total = Total is null ? null : Math.Max(Value, Total.Value);
        Value = Total ?? Value;
        Detail = summary;
        Completed = true;
        _closed = true;
        Show(final: true);
    }

    /// <summary>Ends the work where it got to, showing the latest state if it was not shown.</summary>
    public void Close()
    {
        if (!_closed)
        {
            _closed = true;
            Show(final: true);
        }
    }

    /// <summary>Seconds as people read them: 0.4 s, 12.3 s, 2:05, 1:02:05.</summary>
    public static string Seconds(TimeSpan time) => time.TotalSeconds switch
    {
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:F1} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes}:{time.Seconds:D2}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time.Minutes:D2}:{time.Seconds:D2}"),
    };

    /// <summary>Shows the bar; a final call comes once, when the work ends.</summary>
    protected abstract void Show(bool final);
}
