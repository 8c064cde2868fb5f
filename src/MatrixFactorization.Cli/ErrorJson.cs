using MatrixFactorization.Data;

namespace MatrixFactorization.Cli;

/// <summary>
/// A failure as one JSON object on standard output, for scripts that asked for <c>--json</c>:
/// <c>{"error":{"exitCode":3,"message":"…","file":"…","line":12,"column":3}}</c>, where file,
/// line and column appear only when the error knows them.
/// </summary>
internal static class ErrorJson
{
    public static void Write(TextWriter output, int exitCode, string message, Exception? error)
    {
        (string? file, long line, int column) = Where(error);
        JsonOutput.Write(output, w =>
        {
            w.WriteStartObject("error");
            w.WriteNumber("exitCode", exitCode);
            w.WriteString("message", message);
            if (file is not null)
            {
                w.WriteString("file", file);
            }

            if (line > 0)
            {
                w.WriteNumber("line", line);
            }

            if (column > 0)
            {
                w.WriteNumber("column", column);
            }

            w.WriteEndObject();
        });
    }

    private static (string? File, long Line, int Column) Where(Exception? error) => error switch
    {
        RatingDataException data => (data.SourceName, data.Line, data.Column),
        FileNotFoundException missing => (missing.FileName, 0, 0),
        _ => (null, 0, 0),
    };
}
