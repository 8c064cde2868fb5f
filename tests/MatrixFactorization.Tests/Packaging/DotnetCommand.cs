using System.Diagnostics;
using System.Text;

namespace MatrixFactorization.Tests.Packaging;

/// <summary>Runs the dotnet driver (or a program it installed) as a child process and captures what it prints.</summary>
internal static class DotnetCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>The dotnet executable that runs these tests, so the children use the same SDK.</summary>
    public static string Driver { get; } = FindDriver();

    public static string Run(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        RunProgram(Driver, workingDirectory, environment, arguments);

    public static string RunProgram(string program, string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside an MSBuild-launched process; its MSBuild variables would steer a
        // child build to this run's SDK internals instead of letting the child resolve its own.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (Path.IsPathRooted(Driver))
        {
            // A tool's launcher finds the runtime through DOTNET_ROOT when dotnet is not installed globally.
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(Driver);
        }

        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Describe(program, arguments)}' did not finish within {Timeout.TotalMinutes} minutes.\n{output.Result}\n{error.Result}");
        }

        string text = output.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(new StringBuilder()
                .AppendLine($"'{Describe(program, arguments)}' in {workingDirectory} exited with {process.ExitCode}:")
                .AppendLine(text)
                .AppendLine(error.Result)
                .ToString());
        }

        return text;
    }

    private static string Describe(string program, string[] arguments) => $"{Path.GetFileName(program)} {string.Join(' ', arguments)}";

    private static string FindDriver()
    {
        // The SDK names itself to the processes it starts; the test host's own executable is the
        // driver when the tests run under 'dotnet test'.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
    }
}
