using MatrixFactorization.Cli;

namespace MatrixFactorization.Tests.Cli;

/// <summary>Runs <c>mf</c> in process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CliApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static string DataFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);
}
