namespace MovieRecommendations;

/// <summary>Keeps the pictures away from the data: the output folder may not be the data folder or inside it.</summary>
internal static class OutputFolder
{
    public static void Check(string output, string data)
    {
        string outFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(output));
        string dataFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(data));
        if (string.Equals(outFull, dataFull, StringComparison.Ordinal)
            || outFull.StartsWith(dataFull + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new UsageException($"--out '{output}' is inside the data folder '{data}'; the sample never writes there. Choose another folder, e.g. --out {SampleOptions.DefaultOutputDirectory}.");
        }

        if (File.Exists(outFull))
        {
            throw new UsageException($"--out '{output}' is a file; give a folder (it is created if missing).");
        }
    }
}
