namespace MatrixFactorization.Cli.Files;

/// <summary>
/// The checks every command runs on its files before any work starts, so a mistake costs nothing:
/// inputs must be readable files (else exit 3), and outputs must be writable files that are neither
/// an input nor another output (else exit 2).
/// </summary>
internal static class CommandFiles
{
    /// <exception cref="BadDataException">An input is missing, a folder or unreadable.</exception>
    /// <exception cref="UsageException">An output cannot be written or would replace another file of the command.</exception>
    public static void Check(CommandFile[] inputs, CommandFile[] outputs)
    {
        foreach (CommandFile input in inputs)
        {
            InputFiles.Check(input);
        }

        var named = inputs.Where(f => f.Path is not null).Select(f => (File: f, Real: FileIdentity.Resolve(f.Path!))).ToList();
        foreach (CommandFile output in outputs.Where(f => f.Path is not null))
        {
            string real = FileIdentity.Resolve(output.Path!);
            foreach ((CommandFile other, string otherReal) in named)
            {
                if (FileIdentity.Comparer.Equals(real, otherReal))
                {
                    throw new UsageException(Collision(output, other, real));
                }
            }

            OutputPaths.Check(output);
            named.Add((output, real));
        }
    }

    private static string Collision(CommandFile output, CommandFile other, string real)
    {
        string given = Path.GetFullPath(output.Path!);
        string through = FileIdentity.Comparer.Equals(given, real) ? string.Empty : $" (through a link: both lead to {real})";
        return $"{output.Option} and {other.Option} name the same file, {given}{through}; "
            + $"an output must not replace an input or another output: give {output.Option} another path.";
    }
}
