using System.Globalization;
using System.Text.Json;
using MatrixFactorization.Evaluation;
using Spectre.Console;

namespace MatrixFactorization.Cli.Commands;

/// <summary>
/// The folds of a cross-validation as a table: one row per fold with each metric and the fit
/// time, then their mean ± standard deviation. Drawn with borders on a terminal, as plain aligned
/// text otherwise; the cells are the same either way.
/// </summary>
internal static class FoldTable
{
    private const string FitSeconds = "fit s";

    public static void Write(TextWriter output, CrossValidationResult result, int repeats, bool terminal)
    {
        if (terminal)
        {
            WriteDrawn(output, result, repeats);
        }
        else
        {
            WritePlain(output, result, repeats);
        }
    }

    /// <summary>Plain text: columns two spaces apart, the fold left-aligned and the numbers right-aligned.</summary>
    public static void WritePlain(TextWriter output, CrossValidationResult result, int repeats)
    {
        List<string[]> lines = [Header(result, repeats), .. Rows(result, repeats), Summary(result)];
        int[] widths = Enumerable.Range(0, lines[0].Length).Select(column => lines.Max(cells => cells[column].Length)).ToArray();
        foreach (string[] cells in lines)
        {
            IEnumerable<string> padded = cells.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]));
            output.WriteLine(("  " + string.Join("  ", padded)).TrimEnd());
        }
    }

    /// <summary>Each fold's metrics and fit time, next to the summary that <see cref="CrossValidateCommand.WriteSummary"/> writes.</summary>
    public static void WriteJson(Utf8JsonWriter w, CrossValidationResult result)
    {
        w.WriteStartArray("foldResults");
        for (int i = 0; i < result.Folds.Count; i++)
        {
            FoldResult fold = result.Folds[i];
            w.WriteStartObject();
            w.WriteNumber("repeat", fold.Repeat + 1);
            w.WriteNumber("fold", fold.Fold + 1);
            foreach (MetricSummary m in result.Metrics)
            {
                w.WriteNumber(CrossValidateCommand.Name(m.Metric), Math.Round(m.Values[i], 6));
            }

            w.WriteNumber("fitSeconds", Math.Round(fold.FitTime.TotalSeconds, 4));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteDrawn(TextWriter output, CrossValidationResult result, int repeats)
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
        string[] header = Header(result, repeats);
        string[] summary = Summary(result);
        var table = new Table().ShowFooters();
        for (int column = 0; column < header.Length; column++)
        {
            var tableColumn = new TableColumn(Markup.Escape(header[column])).Footer(Markup.Escape(summary[column]));
            table.AddColumn(column == 0 ? tableColumn : tableColumn.RightAligned());
        }

        foreach (string[] row in Rows(result, repeats))
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
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

    private static string[] Header(CrossValidationResult result, int repeats) =>
        [repeats > 1 ? "repeat.fold" : "fold", .. result.Metrics.Select(m => CrossValidateCommand.Name(m.Metric)), FitSeconds];

    private static IEnumerable<string[]> Rows(CrossValidationResult result, int repeats)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        for (int i = 0; i < result.Folds.Count; i++)
        {
            FoldResult fold = result.Folds[i];
            string label = repeats > 1 ? string.Create(c, $"{fold.Repeat + 1}.{fold.Fold + 1}") : string.Create(c, $"{fold.Fold + 1}");
            yield return [label, .. result.Metrics.Select(m => m.Values[i].ToString("F4", c)), fold.FitTime.TotalSeconds.ToString("F3", c)];
        }
    }

    private static string[] Summary(CrossValidationResult result)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        return
        [
            "mean ± sd",
            .. result.Metrics.Select(m => string.Create(c, $"{m.Mean:F4} ± {m.StandardDeviation:F4}")),
            string.Create(c, $"{result.FitSecondsMean:F3} ± {result.FitSecondsStandardDeviation:F3}"),
        ];
    }
}
