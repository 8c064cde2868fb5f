namespace MatrixFactorization.Cli.Plots;

/// <summary>How a picture is written, told by its file's extension (<see cref="PictureFile.FormatOf"/>).</summary>
internal enum PictureFormat
{
    /// <summary>A bitmap, for viewing and slides.</summary>
    Png,

    /// <summary>Vector graphics, for print and the web.</summary>
    Svg,
}
