using System.Text;
using MatrixFactorization.Cli.Files;
using ScottPlot;

namespace MatrixFactorization.Cli.Plots;

/// <summary>
/// Writes a plot whole or not at all: the picture goes to a temporary file in the target's folder,
/// is flushed to disk and renamed over the target in one step, so a stopped run leaves the old
/// picture or the new one, never a torn file.
/// </summary>
internal static class PictureFile
{
    /// <summary>The format an output's extension asks for; checked before any work starts.</summary>
    /// <exception cref="UsageException">The extension is neither .png nor .svg.</exception>
    public static PictureFormat FormatOf(CommandFile output)
    {
        string extension = Path.GetExtension(output.Path ?? string.Empty);
        if (extension.Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            return PictureFormat.Png;
        }

        if (extension.Equals(".svg", StringComparison.OrdinalIgnoreCase))
        {
            return PictureFormat.Svg;
        }

        string given = extension.Length == 0 ? "has no extension" : $"ends in {extension}";
        throw new UsageException(
            $"{output.Option} {output.Path}: the name {given}; a picture is written as PNG or SVG by its extension, so end the name with .png or .svg.");
    }

    public static void Save(Plot plot, string path, int width, int height)
    {
        byte[] bytes = FormatOf(new CommandFile("picture", path)) == PictureFormat.Svg
            ? Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))
            : plot.GetImageBytes(width, height, ImageFormat.Png);
        Write(path, bytes);
    }

    private static void Write(string path, byte[] bytes)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
