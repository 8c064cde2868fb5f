using System.Diagnostics;

namespace MatrixFactorization.Tests.Packaging;

/// <summary>The checkout's commit, as git itself reports it.</summary>
internal static class Git
{
    private static readonly Lazy<string> s_head = new(ReadHead);

    public static string Head => s_head.Value;

    private static string ReadHead()
    {
        var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start git.");
        string head = process.StandardOutput.ReadToEnd().Trim();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, "the packages are built from a git checkout, but git said: {0}", error);
        head.Should().MatchRegex("^[0-9a-f]{40}$");
        return head;
    }
}
