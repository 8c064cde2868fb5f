namespace MatrixFactorization.Cli.Progress;

/// <summary>
/// Progress as plain lines on the error stream, for logs and pipes: no escape codes, at most one
/// line a second per bar, and always the first and the last state of each.
/// </summary>
internal sealed class LineProgress(TextWriter error, TextWriter output) : CommandProgress(output)
{
    private readonly Lock _writing = new();

    protected override ProgressBar Create(string title, double? total, bool transient) => new LineBar(title, total, this);

    private void Write(string line)
    {
        lock (_writing)
        {
            error.WriteLine(line);
        }
    }

    private sealed class LineBar(string title, double? total, LineProgress display) : ProgressBar(title, total)
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
        private TimeSpan? _lastShown;
        private bool _shown = true;

        protected override void Show(bool final)
        {
            TimeSpan now = Elapsed;
            if (final)
            {
                if (Completed || !_shown)
                {
                    display.Write(ProgressText.Line(this, done: Completed));
                }

                return;
            }

            _shown = false;
            if (_lastShown is null || now - _lastShown >= Interval)
            {
                display.Write(ProgressText.Line(this, done: false));
                _lastShown = now;
                _shown = true;
            }
        }
    }
}
