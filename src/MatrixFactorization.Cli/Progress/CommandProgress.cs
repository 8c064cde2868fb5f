namespace MatrixFactorization.Cli.Progress;

/// <summary>
/// The progress of one command, shown on the error stream as its work goes: bars are begun for
/// each piece of work (reading a file, training, folds) and updated as it advances. Disposing it
/// ends the display; only then is the command's output written, so a live bar and the result never
/// interleave on one terminal.
/// </summary>
internal abstract class CommandProgress : IDisposable
{
    private readonly List<ProgressBar> _open = [];
    private bool _disposed;

    protected CommandProgress(TextWriter output)
    {
        Output = output;
    }

    /// <summary>Where the command writes its result.</summary>
    public TextWriter Output { get; }

    /// <summary>Whether anything is shown; when not, no bar is made and trainers get no progress sink.</summary>
    public virtual bool Shows => true;

    /// <summary>Begins a bar; null when nothing is shown.</summary>
    /// <param name="title">What the work is, such as <c>load ratings.csv</c>.</param>
    /// <param name="total">How much there is to do, when known.</param>
    /// <param name="transient">Whether a live display drops the bar once it ends (the epochs of one fold).</param>
    public ProgressBar? Begin(string title, double? total, bool transient = false)
    {
        if (!Shows)
        {
            return null;
        }

        ProgressBar bar = Create(title, total, transient);
        lock (_open)
        {
            _open.Add(bar);
        }

        return bar;
    }

    /// <summary>A sink for a trainer's epochs, shown as a bar of <paramref name="epochs"/> (when known); null when nothing is shown.</summary>
    public EpochProgress? Epochs(string title, int? epochs, bool transient = false) =>
        Begin(title, epochs, transient) is ProgressBar bar ? new EpochProgress(bar) : null;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        lock (_open)
        {
            // A bar left open (an early stop, or an error) shows where it got to.
            foreach (ProgressBar bar in _open)
            {
                bar.Close();
            }
        }

        End();
        GC.SuppressFinalize(this);
    }

    /// <summary>Makes a bar of this display.</summary>
    protected abstract ProgressBar Create(string title, double? total, bool transient);

    /// <summary>Stops the display and hands on the output held back meanwhile.</summary>
    protected virtual void End()
    {
    }
}
