using System.Diagnostics;

namespace MatrixFactorization.Tests.Cli;

/// <summary>Runs the built <c>mf</c> as a child process: the mf.dll the project reference copies beside the tests, on the running dotnet host.</summary>
internal static class CliProcess
{
    public static string MfDll => Path.Combine(AppContext.BaseDirectory, "mf.dll");

    /// <summary>The dotnet host: the one the SDK names for child processes, else this process if it is dotnet, else dotnet on the PATH.</summary>
    public static string Dotnet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is string self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(MfDll);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{Dotnet} did not start.");
    }

    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using Process process = Start(args);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
