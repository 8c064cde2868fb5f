namespace MovieRecommendations;

/// <summary>Finds the bundled data folder from the current directory or the program's location.</summary>
internal static class DataLocator
{
    public static string Find(string relative)
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, relative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new UsageException($"Could not find '{relative}' above the current directory or the program. Run the sample from the repository, or give the folder with --data.");
    }
}
