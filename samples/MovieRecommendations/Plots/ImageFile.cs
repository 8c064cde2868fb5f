namespace MovieRecommendations.Plots;

/// <summary>Writes a file whole or not at all: a run stopped halfway leaves the last complete image, never a torn one.</summary>
internal static class ImageFile
{
    public static string Write(string directory, string name, byte[] bytes)
    {
        Directory.CreateDirectory(directory);
        string path = Path.GetFullPath(Path.Combine(directory, name));
        string temporary = path + ".partial";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
