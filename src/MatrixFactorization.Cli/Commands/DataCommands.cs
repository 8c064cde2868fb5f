using System.CommandLine;
using MatrixFactorization.Cli.Progress;

namespace MatrixFactorization.Cli.Commands;

/// <summary><c>mf data …</c>: commands about rating files.</summary>
internal static class DataCommands
{
    public static Command Create(TextWriter output, Terminal terminal) => new("data", "Inspect, split and synthesize rating data.")
    {
        InspectCommand.Create(output, terminal),
        SplitCommand.Create(output, terminal),
        SynthCommand.Create(output, terminal),
        ConvertCommand.Create(output, terminal),
    };
}
