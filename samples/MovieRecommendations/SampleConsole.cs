using Spectre.Console;

namespace MovieRecommendations;

/// <summary>A Spectre console over any writer: colours and a live progress bar on a terminal, plain text elsewhere.</summary>
internal static class SampleConsole
{
    public static IAnsiConsole Create(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });

        // Redirected output has no width of its own; wide enough for the tables' titles and genres.
        if (!terminal)
        {
            console.Profile.Width = 140;
        }

        return console;
    }
}
