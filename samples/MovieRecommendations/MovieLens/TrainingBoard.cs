using Spectre.Console;

namespace MovieRecommendations.MovieLens;

/// <summary>
/// Shows models training: a live bar per model on a terminal, and one line per finished model
/// where output is redirected (a log has no use for a bar redrawn in place).
/// </summary>
internal abstract class TrainingBoard
{
    public abstract TrainingLine Add(string name, double steps);

    /// <summary>Runs <paramref name="body"/> with the board that suits the console.</summary>
    public static void Run(IAnsiConsole console, Action<TrainingBoard> body)
    {
        if (console.Profile.Capabilities.Interactive)
        {
            console.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context => body(new LiveBoard(context)));
        }
        else
        {
            body(new PlainBoard(console));
        }
    }

    private sealed class LiveBoard(ProgressContext context) : TrainingBoard
    {
        public override TrainingLine Add(string name, double steps) => new LiveLine(context.AddTask(Markup.Escape(name), maxValue: steps), name);
    }

    private sealed class LiveLine(ProgressTask task, string name) : TrainingLine
    {
        public override void Advance(double step) => task.Value = step;

        public override void Finish(string summary)
        {
            task.Description = $"{Markup.Escape(name)} [grey]{Markup.Escape(summary)}[/]";
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    private sealed class PlainBoard(IAnsiConsole console) : TrainingBoard
    {
        public override TrainingLine Add(string name, double steps) => new PlainLine(console, name);
    }

    private sealed class PlainLine(IAnsiConsole console, string name) : TrainingLine
    {
        public override void Advance(double step)
        {
        }

        public override void Finish(string summary) => console.MarkupLine($"  {Markup.Escape(name)}: {Markup.Escape(summary)}");
    }
}

/// <summary>One model's line on a <see cref="TrainingBoard"/>.</summary>
internal abstract class TrainingLine
{
    public abstract void Advance(double step);

    public abstract void Finish(string summary);
}
