namespace MatrixFactorization.Tests.Architecture;

/// <summary>
/// The layers of the library, bottom first, as docs/architecture.md draws them. A namespace may
/// use the namespaces of lower layers only; namespaces that share a layer do not use each other,
/// except the pairs in <see cref="Units"/>.
/// </summary>
internal static class Layering
{
    private const string Root = "MatrixFactorization";

    public static IReadOnlyList<IReadOnlyList<string>> Layers { get; } =
    [
        [$"{Root}.Foundation"],
        [$"{Root}.Kernels"],
        [$"{Root}.Data", $"{Root}.Data.Readers"],
        [$"{Root}.Data.Splits", $"{Root}.Data.Synthetic"],
        [$"{Root}.Models"],
        [$"{Root}.Recommendation", $"{Root}.Persistence"],
        [$"{Root}.Evaluation"],
        [$"{Root}.Training"],
    ];

    /// <summary>
    /// Namespaces of one layer that use each other. Data's public facades (RatingReader,
    /// RatingWriter, ItemCatalog) call the parsers and writers of Data.Readers, which build Data's
    /// RatingStore and throw Data's exceptions: the pair is one unit, split in two only to keep
    /// the file-format machinery out of the public namespace.
    /// </summary>
    public static IReadOnlyList<(string First, string Second)> Units { get; } =
    [
        ($"{Root}.Data", $"{Root}.Data.Readers"),
    ];

    /// <summary>Every namespace placed in a layer.</summary>
    public static IEnumerable<string> Namespaces => Layers.SelectMany(layer => layer);

    /// <summary>The index of the layer that holds <paramref name="ns"/>, 0 at the bottom, or -1.</summary>
    public static int LayerOf(string ns)
    {
        for (int k = 0; k < Layers.Count; k++)
        {
            if (Layers[k].Contains(ns))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> form one of the <see cref="Units"/>.</summary>
    public static bool IsUnit(string a, string b) =>
        Units.Any(unit => (unit.First == a && unit.Second == b) || (unit.First == b && unit.Second == a));
}
