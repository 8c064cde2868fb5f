namespace MatrixFactorization.Cli.Plots;

/// <summary>One item on the map.</summary>
/// <param name="Label">Its title (or its id when no title is known).</param>
/// <param name="Genres">Its genres; empty when unknown.</param>
/// <param name="X">Its first coordinate.</param>
/// <param name="Y">Its second coordinate.</param>
internal readonly record struct ItemMapPoint(string Label, IReadOnlyList<string> Genres, double X, double Y);
