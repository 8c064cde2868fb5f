using System.Globalization;
using Spectre.Console;

namespace MatrixFactorization.Cli.Progress;

/// <summary>
/// Progress as a live bar on a terminal's error stream, drawn by Spectre.Console: one row per
/// piece of work, with its percentage, elapsed time and time left. The display runs on a thread
/// of its own while the command works; the command's output is held until the display ends.
/// </summary>
internal sealed class LiveProgress : CommandProgress
{
    private readonly TextWriter _output;
    private readonly StringWriter _held;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _ready = new();
    private readonly ManualResetEventSlim _stop = new();
    private readonly TextWriter _error;
    private ProgressContext? _context;
    private Exception? _failure;

    private LiveProgress(IAnsiConsole console, TextWriter error, TextWriter output, StringWriter held)
        : base(held)
    {
        _output = output;
        _held = held;
        _error = error;
        _thread = new Thread(() => Run(console)) { IsBackground = true, Name = "mf progress" };
        _thread.Start();
        _ready.Wait();
    }

    /// <summary>A live display on <paramref name="error"/>, or null when that console cannot draw one
    /// (no ANSI support, or not interactive, as on most build servers).</summary>
    public static LiveProgress? TryStart(TextWriter error, TextWriter output)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return console.Profile.Capabilities is { Ansi: true, Interactive: true }
            ? new LiveProgress(console, error, output, new StringWriter(CultureInfo.InvariantCulture))
            : null;
    }

    protected override ProgressBar Create(string title, double? total, bool transient) => new LiveBar(title, total, transient, _context);

    protected override void End()
    {
        _stop.Set();
        _thread.Join();
        _ready.Dispose();
        _stop.Dispose();
        if (_failure is not null)
        {
            _error.WriteLine($"mf: the progress display stopped: {_failure.Message.ReplaceLineEndings(" ")}");
        }

        _output.Write(_held.ToString());
        _held.Dispose();
    }

    private void Run(IAnsiConsole console)
    {
        try
        {
            console.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(
                    new TaskDescriptionColumn { Alignment = Justify.Left },
                    new ProgressBarColumn(),
                    new PercentageColumn(),
                    new ElapsedTimeColumn(),
                    new RemainingTimeColumn(),
                    new SpinnerColumn())
                .Start(context =>
                {
                    _context = context;
                    _ready.Set();
                    _stop.Wait();
                });
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException)
        {
            // The work goes on without a display; the failure is told when the command ends.
            _failure = e;
        }
        finally
        {
            _ready.Set();
        }
    }

    private sealed class LiveBar : ProgressBar
    {
        private readonly ProgressContext? _context;
        private readonly ProgressTask? _task;
        private readonly bool _transient;

        public LiveBar(string title, double? total, bool transient, ProgressContext? context)
            : base(title, total)
        {
            _context = context;
            _transient = transient;
            _task = context?.AddTask(Markup.Escape(title), autoStart: true, maxValue: total ?? 1);
            if (_task is not null && total is null)
            {
                _task.IsIndeterminate = true;
            }
        }

        protected override void Show(bool final)
        {
            if (_task is null)
            {
                return;
            }

            _task.Description = Markup.Escape(Detail.Length == 0 ? Title : $"{Title}: {Detail}");
            if (Total is double total)
            {
                _task.IsIndeterminate = false;
                _task.MaxValue = Math.Max(total, 1e-9);
                _task.Value = Value;
            }
            else if (Completed)
            {
                _task.IsIndeterminate = false;
                _task.Value = _task.MaxValue;
            }

            if (final)
            {
                _task.StopTask();
                if (_transient)
                {
                    _context!.RemoveTask(_task);
                }
            }
        }
    }
}
