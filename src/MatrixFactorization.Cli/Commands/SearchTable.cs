using System.Globalization;
using Spectre.Console;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// The ranked candidates of a search as a table: one row per candidate, best first, with the
/// objective's mean and standard deviation over folds, a column per searched setting, and the mean
/// fit time. Drawn with borders on a terminal, as plain aligned text otherwise; the cells are the
/// same either way.
/// </summary>
internal static class SearchTable
{
    private const string NoAxes = "(the defaults)";

    /// <param name="output">Where the table goes.</param>
    /// <param name="ranked">The candidates, best first.</param>
    /// <param name="objective">The objective as the header names it, such as <c>rmse</c> or <c>ndcg@10</c>.</param>
    /// <param name="terminal">Whether the output is a terminal.</param>
    public static void Write(TextWriter output, IReadOnlyList<RankedCandidate> ranked, string objective, bool terminal)
    {
        string[] header = Header(ranked, objective);
        List<string[]> rows = [.. Rows(ranked)];
        if (terminal)
        {
            WriteDrawn(output, header, rows);
        }
        else
        {
            WritePlain(output, header, rows);
        }
    }

    /// <summary>Plain text: columns two spaces apart, every cell right-aligned.</summary>
    private static void WritePlain(TextWriter output, string[] header, List<string[]> rows)
    {
        List<string[]> lines = [header, .. rows];
        int[] widths = [.. Enumerable.Range(0, header.Length).Select(column => lines.Max(cells => cells[column].Length))];
        foreach (string[] cells in lines)
        {
            output.WriteLine("  " + string.Join("  ", cells.Select((cell, column) => cell.PadLeft(widths[column]))));
        }
    }

    private static void WriteDrawn(TextWriter output, string[] header, List<string[]> rows)
    {
        // The output may be held back while a live progress bar runs, so the console is told it
        // draws to a terminal rather than left to detect it from the writer.
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = TerminalWidth();
        var table = new Table();
        foreach (string column in header)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        }

        foreach (string[] row in rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        console.Write(table);
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }

    private static string[] Header(IReadOnlyList<RankedCandidate> ranked, string objective)
    {
        string[] axes = [.. ranked[0].Settings.Select(s => s.Key)];
        return ["rank", objective, "± sd", .. axes.Length == 0 ? ["settings"] : axes, "fit s"];
    }

    private static IEnumerable<string[]> Rows(IReadOnlyList<RankedCandidate> ranked)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < ranked.Count; i++)
        {
            RankedCandidate candidate = ranked[i];
            string[] values = [.. candidate.Settings.Select(s => s.Value is null ? "null" : Convert.ToString(s.Value, c) ?? string.Empty)];
            yield return
            [
                (i + 1).ToString(c),
                candidate.Objective.ToString("F4", c),
                candidate.StandardDeviation.ToString("F4", c),
                .. values.Length == 0 ? [NoAxes] : values,
                candidate.CrossValidation.FitSecondsMean.ToString("F3", c),
            ];
        }
    }
}
